package dev.mailgateway.runtime.receive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.Fqdn;
import dev.mailgateway.api.Fingerprint;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.config.RealPeers;
import dev.mailgateway.tls.CertificateAuthority;
import dev.mailgateway.tls.Fingerprints;
import dev.mailgateway.tls.Pem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential test of the TLS decisions: real Postfix and the runtime, rendered from and
 * running one policy (mandatory STARTTLS, client certificates of our CA may relay, and one
 * pinned certificate of another CA), get the same swaks dialogues from an untrusted address;
 * every final reply, code and enhanced status, is the same.
 */
class TlsDifferentialTest extends DifferentialTest {

  static final String UNTRUSTED = "127.0.0.2";
  static final Pattern FINAL_REPLY = Pattern.compile("(?m)^<\\S* +(\\d{3}) (\\d\\.\\d\\.\\d{1,3})?");

  @TempDir
  static Path tls;

  @BeforeAll
  static void start() {
    CertificateAuthority ca = CertificateAuthority.create("Gateway Test CA");
    ca.issueServer(Fqdn.parse("gateway.example.test"))
        .writeTo(tls.resolve("bundle.crt"), tls.resolve("cert.key"));
    Pem.writeCertificates(tls.resolve("rootCA.crt"), List.of(ca.certificate()));
    ca.issueClient("node1.example.test").writeTo(tls.resolve("ours.crt"), tls.resolve("ours.key"));
    CertificateAuthority other = CertificateAuthority.create("Somebody Else's CA");
    var pinned = other.issueClient("node2.example.test");
    pinned.writeTo(tls.resolve("pinned.crt"), tls.resolve("pinned.key"));
    other.issueClient("node3.example.test").writeTo(tls.resolve("theirs.crt"), tls.resolve("theirs.key"));
    GatewayPolicy policy = BothGateways.policy()
        .inboundTls(t -> t.certificate(tls.resolve("bundle.crt")).key(tls.resolve("cert.key"))
            .securityLevel("encrypt").clientCa(tls.resolve("rootCA.crt"))
            .allowClientFingerprint(Fingerprints.ofCertificate(pinned.certificate(),
                Fingerprint.Digest.SHA256).toString(), "node2"))
        .build();
    both = BothGateways.start(policy, root);
  }

  private static List<String> replies(String host, int port, String recipient, String... tlsOptions) {
    List<String> command = new ArrayList<>(List.of("swaks", "--server", host + ":" + port,
        "--local-interface", UNTRUSTED, "--helo", "client.example", "--from", "a@client.example",
        "--to", recipient, "--timeout", "20", "--quit-after", "RCPT"));
    command.addAll(List.of(tlsOptions));
    String output = RealPeers.run(command.toArray(String[]::new)).output();
    List<String> replies = new ArrayList<>();
    Matcher reply = FINAL_REPLY.matcher(output);
    while (reply.find()) {
      replies.add(reply.group(1) + (reply.group(2) == null ? "" : " " + reply.group(2)));
    }
    return replies;
  }

  private static List<String> bothReplyAlike(String recipient, String... tlsOptions) throws Exception {
    return both.alike((host, port) -> replies(host, port, recipient, tlsOptions));
  }

  private static String[] withCertificate(String name) {
    return new String[] {"--tls", "--tls-cert", tls.resolve(name + ".crt").toString(),
        "--tls-key", tls.resolve(name + ".key").toString()};
  }

  @Test
  void mailWithoutStartTlsIsRefusedAlike() throws Exception {
    assertThat(bothReplyAlike("user@relay.example.test")).contains("530 5.7.0");
  }

  @Test
  void aRelayDomainTakesMailOverTlsWithoutACertificateAlike() throws Exception {
    assertThat(bothReplyAlike("user@relay.example.test", "--tls")).contains("250 2.1.5");
  }

  @Test
  void relayWithoutACertificateIsDeniedAlike() throws Exception {
    assertThat(bothReplyAlike("user@elsewhere.example", "--tls")).contains("554 5.7.1");
  }

  @Test
  void aCertificateOfOurCaRelaysAlike() throws Exception {
    assertThat(bothReplyAlike("user@elsewhere.example", withCertificate("ours"))).contains("250 2.1.5");
  }

  @Test
  void aPinnedCertificateOfAnotherCaRelaysAlike() throws Exception {
    assertThat(bothReplyAlike("user@elsewhere.example", withCertificate("pinned"))).contains("250 2.1.5");
  }

  @Test
  void anUnpinnedCertificateOfAnotherCaIsDeniedAlike() throws Exception {
    assertThat(bothReplyAlike("user@elsewhere.example", withCertificate("theirs"))).contains("554 5.7.1");
  }
}
