package dev.mailgateway.benchmarks;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.api.RunningGateway;
import java.util.Arrays;

/**
 * One sample of bench/cold-start.sh in a fresh JVM: the first start of a subject (the gateway
 * on a plain policy, no TLS and no DKIM, or GreenMail's SMTP server), then the median of nine
 * later starts, each on loopback port 0, in milliseconds: {@code first=N later=M}.
 */
public final class ColdStart {

  private ColdStart() {}

  public static void main(String[] args) throws Exception {
    String subject = args[0];
    double first = startOnce(subject);
    double[] later = new double[9];
    for (int i = 0; i < later.length; i++) {
      later[i] = startOnce(subject);
    }
    Arrays.sort(later);
    System.out.printf(java.util.Locale.ROOT, "first=%.1f later=%.1f%n", first, later[later.length / 2]);
  }

  /** Starts and stops the subject once; the milliseconds until it accepted connections. */
  static double startOnce(String subject) throws Exception {
    long started = System.nanoTime();
    if (subject.equals("gateway")) {
      GatewayPolicy policy = MailGateway.policy().trust("127.0.0.1/32")
          .relayHost("[127.0.0.1]:2525").withoutContentFilter().build();
      RunningGateway gateway = MailGateway.start(policy);
      double took = (System.nanoTime() - started) / 1e6;
      gateway.close();
      return took;
    }
    GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    double took = (System.nanoTime() - started) / 1e6;
    greenMail.stop();
    return took;
  }
}
