package dev.mailgateway.examples;

import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailGateway;
import java.nio.file.Path;

/**
 * Scenario 1: a smarthost for trusted nodes with changing IP addresses. They authenticate with
 * TLS client certificates: any certificate our CA issued, or a pinned fingerprint.
 */
public final class SmarthostForCertificateClients {

  private SmarthostForCertificateClients() {}

  /** The policy of this scenario, with the image's TLS folder. */
  public static GatewayPolicy policy() {
    return policy(Path.of("/etc/postfix/tls"));
  }

  /** The policy of this scenario with its certificate, key and CA in another folder. */
  public static GatewayPolicy policy(Path tls) {
    return MailGateway.policy()
        .hostname("smarthost.example.com")
        .relayHost("[smtp.provider.example]:587")
        .inboundTls(t -> t
            .certificate(tls.resolve("bundle.crt"))
            .key(tls.resolve("cert.key"))
            .clientCa(tls.resolve("rootCA.crt"))
            .allowClientFingerprint(
                "3E:9A:1C:55:0B:77:D2:48:6F:21:90:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23",
                "mailbox.internal.example.com"))
        .outboundTls(out -> out.securityLevel("encrypt"))
        .build();
  }

  /** Renders the configuration into the folder given, or {@code example-out/smarthost}. */
  public static void main(String[] args) {
    ExampleOutput.render("smarthost", policy(), args);
  }
}
