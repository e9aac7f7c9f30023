package dev.mailgateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.GatewayOptions;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.config.ProgramRun;
import dev.mailgateway.config.RealPeers;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Postfix's own load generator against the runtime with its durable queue, relaying to Postfix's
 * smtp-sink: every message that got 250 arrives exactly once. Counts only, no timing: speed is
 * the benchmark's business.
 */
class LoadTest {

  static final int SESSIONS = 20;
  static final int MESSAGES = 5000;

  @TempDir
  Path dir;

  @Test
  void everyAcceptedMessageArrivesExactlyOnce() throws Exception {
    SmtpSink sink = SmtpSink.start(dir);
    try (EmbeddedGateway gateway = EmbeddedGateway.start(MailGateway.policy()
            .hostname("gateway.example.test")
            .trust("127.0.0.1/32")
            .relayHost("[127.0.0.1]:" + sink.port())
            .withoutContentFilter()
            .build(), GatewayOptions.forTests().spooledIn(dir.resolve("spool")))) {
      // Counted as they come: the history keeps the last events only, several per message.
      java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
      gateway.events().listen(e -> {
        if (e.kind() == GatewayEvent.Kind.RECEIVED) {
          received.incrementAndGet();
        }
      });
      ProgramRun load = RealPeers.run("smtp-source", "-s", Integer.toString(SESSIONS),
          "-m", Integer.toString(MESSAGES), "-l", "10240", "-f", "load@example.com",
          "-t", "sink@elsewhere.example", gateway.host() + ":" + gateway.port());
      assertThat(load.exitCode()).as(load.output()).isZero();

      for (int i = 0; i < 600 && sink.messages().size() < MESSAGES; i++) {
        Thread.sleep(100);
      }
      Thread.sleep(500);
      assertThat(sink.messages()).hasSize(MESSAGES);
      for (int i = 0; i < 100 && !gateway.spool().entries().isEmpty(); i++) {
        Thread.sleep(50);
      }
      assertThat(gateway.spool().entries()).isEmpty();
      assertThat(received).hasValue(MESSAGES);
    } finally {
      sink.close();
    }
  }
}
