package dev.mailgateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.Fingerprint;
import dev.mailgateway.api.Fqdn;
import dev.mailgateway.api.GatewayOptions;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.config.ProgramRun;
import dev.mailgateway.config.RealPeers;
import dev.mailgateway.dkim.DkimKeyStore;
import dev.mailgateway.dkim.DkimVerifier;
import dev.mailgateway.dkim.InMemoryKeyResolver;
import dev.mailgateway.tls.CertificateAuthority;
import dev.mailgateway.tls.Fingerprints;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Signing and TLS end to end: mail relayed to Postfix's smtp-sink carries a signature that Perl
 * Mail::DKIM verifies; only trusted clients' mail is signed; a pinned client certificate relays.
 */
class SigningAndTlsTest extends GatewayToSinkTest {

  private EmbeddedGateway start(GatewayPolicy policy) {
    gateway = EmbeddedGateway.start(policy, GatewayOptions.forTests());
    return gateway;
  }

  private PolicyShape policy() {
    return new PolicyShape();
  }

  /** The policy of these tests: DKIM for example.com, relay to the sink. */
  private final class PolicyShape {
    GatewayPolicy build(java.util.function.UnaryOperator<dev.mailgateway.api.PolicyBuilder> more) {
      return more.apply(MailGateway.policy()
          .hostname("gateway.example.test")
          .trust("127.0.0.1/32")
          .relayDomains("relay.example.test")
          .relayHost("[127.0.0.1]:" + sink.port())
          .withoutContentFilter()
          .dkim(d -> d.domains("example.com").keyDirectory(dir.resolve("keys")))).build();
    }
  }

  /** The message of an smtp-sink dump: what follows its envelope records. */
  private static byte[] message(String text) {
    int start = text.indexOf("DKIM-Signature:");
    return text.substring(start < 0 ? 0 : start).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private static ProgramRun swaks(EmbeddedGateway gateway, String from, String to, String... more) {
    List<String> command = new ArrayList<>(List.of("swaks", "--server",
        gateway.host() + ":" + gateway.port(), "--local-interface", from, "--helo", "client.example",
        "--from", "alice@example.com", "--to", to, "--timeout", "20",
        "--header", "From: Alice <alice@example.com>", "--header", "Subject: signed?"));
    command.addAll(List.of(more));
    return RealPeers.run(command.toArray(String[]::new));
  }

  @Test
  void trustedMailRelayedToSmtpSinkCarriesASignatureMailDkimVerifies() throws Exception {
    GatewayPolicy policy = policy().build(b -> b);
    start(policy);

    assertThat(swaks(gateway, "127.0.0.1", "bob@elsewhere.example").output()).contains("queued as");
    byte[] delivered = message(sink.firstMessage(gateway.events().all()));

    Path records = Files.writeString(dir.resolve("records"), "default._domainkey.example.com "
        + DkimKeyStore.of(policy.dkim().orElseThrow()).record(Fqdn.parse("example.com")).value() + "\n");
    Path script = dir.resolve("verify.pl");
    try (InputStream in = DkimVerifier.class.getResourceAsStream("mail-dkim-verify.pl")) {
      Files.copy(in, script);
    }
    Path signed = Files.write(dir.resolve("delivered.eml"), delivered);
    ProgramRun verdict = RealPeers.run("sh", "-c", "perl " + script + " " + records + " < " + signed);

    assertThat(verdict.output()).as(new String(delivered)).contains("overall: pass");
    assertThat(new DkimVerifier(InMemoryKeyResolver.empty().with("default", "example.com",
        DkimKeyStore.of(policy.dkim().orElseThrow()).record(Fqdn.parse("example.com"))))
        .verify(new ByteArrayInputStream(delivered))).allMatch(r -> r.passed());
  }

  @Test
  void inboundMailWithOurDomainInFromIsNotSigned() throws Exception {
    start(policy().build(b -> b));

    assertThat(swaks(gateway, "127.0.0.2", "bob@relay.example.test").output()).contains("queued as");

    assertThat(sink.firstMessage(gateway.events().all())).doesNotContain("DKIM-Signature:");
  }

  @Test
  void aPinnedClientCertificateRelaysOverStartTls() throws Exception {
    CertificateAuthority ca = CertificateAuthority.create("Test CA");
    ca.issueServer(Fqdn.parse("gateway.example.test")).writeTo(dir.resolve("bundle.crt"), dir.resolve("cert.key"));
    var node = CertificateAuthority.create("Elsewhere").issueClient("node1.example.test");
    node.writeTo(dir.resolve("node.crt"), dir.resolve("node.key"));
    start(policy().build(b -> b.inboundTls(t -> t.certificate(dir.resolve("bundle.crt"))
        .key(dir.resolve("cert.key")).allowClientFingerprint(
            Fingerprints.ofCertificate(node.certificate(), Fingerprint.Digest.SHA256).toString(), "node1"))));

    ProgramRun pinned = swaks(gateway, "127.0.0.2", "bob@elsewhere.example", "--tls",
        "--tls-cert", dir.resolve("node.crt").toString(), "--tls-key", dir.resolve("node.key").toString(),
        "--quit-after", "RCPT");
    ProgramRun anonymous = swaks(gateway, "127.0.0.2", "bob@elsewhere.example", "--tls",
        "--quit-after", "RCPT");

    assertThat(pinned.output()).contains("<~  250 2.1.5 Ok");
    assertThat(anonymous.output()).contains("554 5.7.1 <bob@elsewhere.example>: Relay access denied");
  }

  @Test
  void plainTextPipelinedAfterStartTlsIsDiscarded() throws Exception {
    CertificateAuthority ca = CertificateAuthority.create("Test CA");
    ca.issueServer(Fqdn.parse("gateway.example.test")).writeTo(dir.resolve("bundle.crt"), dir.resolve("cert.key"));
    start(policy().build(b -> b.inboundTls(t -> t.certificate(dir.resolve("bundle.crt")).key(dir.resolve("cert.key")))));

    try (java.net.Socket socket = new java.net.Socket(gateway.host(), gateway.port())) {
      socket.setSoTimeout(10_000);
      var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          java.nio.charset.StandardCharsets.US_ASCII));
      var out = socket.getOutputStream();
      in.readLine();
      out.write("EHLO client.example\r\n".getBytes());
      String line;
      do {
        line = in.readLine();
      } while (line.startsWith("250-"));
      out.write("STARTTLS\r\nRSET\r\n".getBytes());
      out.flush();
      assertThat(in.readLine()).startsWith("220 2.0.0 Ready to start TLS");
      var tls = (javax.net.ssl.SSLSocket) dev.mailgateway.tls.TlsContexts.client(java.util.Optional.empty(), List.of())
          .getSocketFactory().createSocket(socket, gateway.host(), gateway.port(), true);
      tls.startHandshake();
      var secure = new java.io.BufferedReader(new java.io.InputStreamReader(tls.getInputStream()));
      tls.getOutputStream().write("NOOP\r\n".getBytes());
      tls.getOutputStream().flush();

      assertThat(secure.readLine()).as("the first reply over TLS answers NOOP, not the injected RSET")
          .isEqualTo("250 2.0.0 Ok");
    }
  }
}
