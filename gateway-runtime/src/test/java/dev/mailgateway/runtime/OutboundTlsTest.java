package dev.mailgateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.Fqdn;
import dev.mailgateway.api.GatewayOptions;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.config.PostfixInstance;
import dev.mailgateway.config.RealPeers;
import dev.mailgateway.tls.CertificateAuthority;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's SMTP client over STARTTLS to a real next hop: a private Postfix offering TLS. The
 * client's sockets keep their deadlines under TLS (ADR 3), and the policy's {@code encrypt}
 * level is honoured.
 */
class OutboundTlsTest {

  @TempDir
  Path tls;
  @TempDir
  Path root;

  /** The runtime relaying everything to the next hop with the encrypt level. */
  private static EmbeddedGateway relayingTo(String host, int port) {
    return EmbeddedGateway.start(MailGateway.policy()
        .hostname("gateway.example.test")
        .trust("127.0.0.1/32")
        .relayHost("[" + host + "]:" + port)
        .withoutContentFilter()
        .outboundTls(t -> t.securityLevel("encrypt"))
        .build(), GatewayOptions.forTests());
  }

  /** Sends a message into the gateway and returns its first event of the kind, waiting for it. */
  private static String send(EmbeddedGateway gateway, GatewayEvent.Kind kind) throws Exception {
    assertThat(RealPeers.run("swaks", "--server", gateway.host() + ":" + gateway.port(),
        "--from", "alice@example.com", "--to", "bob@elsewhere.example", "--helo",
        "client.example", "--timeout", "20").output()).contains("queued as");
    String event = "";
    for (int i = 0; i < 100 && event.isEmpty(); i++) {
      Thread.sleep(100);
      event = gateway.events().all().stream().filter(e -> e.kind() == kind)
          .map(GatewayEvent::toString).findFirst().orElse("");
    }
    return event;
  }

  @Test
  void mailIsRelayedOverStartTlsToANextHopThatOffersIt() throws Exception {
    CertificateAuthority ca = CertificateAuthority.create("Next Hop Test CA");
    ca.issueServer(Fqdn.parse("nexthop.example.test"))
        .writeTo(tls.resolve("bundle.crt"), tls.resolve("cert.key"));
    GatewayPolicy nextHopPolicy = MailGateway.policy()
        .hostname("nexthop.example.test")
        .trust("127.0.0.1/32")
        .relayHost("[127.0.0.1]:9")
        .withoutContentFilter()
        .inboundTls(t -> t.certificate(tls.resolve("bundle.crt")).key(tls.resolve("cert.key"))
            .securityLevel("may"))
        .build();
    try (PostfixInstance nextHop = PostfixInstance.start(nextHopPolicy, root);
        EmbeddedGateway gateway = relayingTo(nextHop.host(), nextHop.port())) {

      String sent = send(gateway, GatewayEvent.Kind.SENT);

      assertThat(sent).as("events: " + gateway.events().all()).contains("status=sent (250");
      assertThat(nextHop.log()).contains("TLS connection established from")
          .contains("from=<alice@example.com>");
    }
  }

  @Test
  void withTheEncryptLevelANextHopWithoutStartTlsGetsNothing() throws Exception {
    try (SmtpSink sink = SmtpSink.start(root);
        EmbeddedGateway gateway = relayingTo("127.0.0.1", sink.port())) {

      String deferred = send(gateway, GatewayEvent.Kind.DEFERRED);

      assertThat(deferred).as("events: " + gateway.events().all()).containsIgnoringCase("STARTTLS");
      assertThat(sink.messages()).isEmpty();
    }
  }
}
