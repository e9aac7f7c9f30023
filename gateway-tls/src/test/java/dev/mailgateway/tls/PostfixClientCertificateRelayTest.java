package dev.mailgateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.Fingerprint;
import dev.mailgateway.api.Fqdn;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.InboundTlsBuilder;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.config.PostfixInstance;
import dev.mailgateway.config.ProgramRun;
import dev.mailgateway.config.RealPeers;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private real Postfix with our server certificate and our CA decides relay by the client
 * certificate a real client (swaks over STARTTLS) shows, from an untrusted address.
 */
class PostfixClientCertificateRelayTest {

  private static final String UNTRUSTED = "127.0.0.2";
  private static final String ELSEWHERE = "someone@elsewhere.example";

  @TempDir
  static Path tls;
  static CertificateAuthority ca;
  static CertificateAuthority otherCa;
  static CertifiedKey issuedByUs;
  static CertifiedKey issuedElsewhere;

  @TempDir
  Path root;
  PostfixInstance postfix;

  @BeforeAll
  static void certificates() {
    ca = CertificateAuthority.create("Gateway Test CA");
    ca.writeTo(tls.resolve("ca"));
    ca.issueServer(Fqdn.parse("gateway.example.test"))
        .writeTo(tls.resolve("bundle.crt"), tls.resolve("cert.key"));
    Pem.writeCertificates(tls.resolve("rootCA.crt"), java.util.List.of(ca.certificate()));
    issuedByUs = ca.issueClient("node1.example.test");
    issuedByUs.writeTo(tls.resolve("ours.crt"), tls.resolve("ours.key"));
    otherCa = CertificateAuthority.create("Somebody Else's CA");
    issuedElsewhere = otherCa.issueClient("node2.example.test");
    issuedElsewhere.writeTo(tls.resolve("theirs.crt"), tls.resolve("theirs.key"));
  }

  @AfterEach
  void stop() {
    if (postfix != null) {
      postfix.close();
    }
  }

  private void start(Consumer<InboundTlsBuilder> clientCertificates) {
    GatewayPolicy policy = MailGateway.policy()
        .hostname("gateway.example.test")
        .trust("127.0.0.1/32")
        .relayHost("[127.0.0.1]:9")
        .withoutContentFilter()
        .inboundTls(t -> {
          t.certificate(tls.resolve("bundle.crt")).key(tls.resolve("cert.key"));
          clientCertificates.accept(t);
        })
        .build();
    postfix = PostfixInstance.start(policy, root);
  }

  private ProgramRun relayWith(String certificate) {
    return RealPeers.swaks(postfix, UNTRUSTED, ELSEWHERE, "--quit-after", "RCPT", "--tls",
        "--tls-cert", tls.resolve(certificate + ".crt").toString(),
        "--tls-key", tls.resolve(certificate + ".key").toString());
  }

  private static String fingerprint(CertifiedKey key, Fingerprint.Digest digest) {
    return Fingerprints.ofCertificate(key.certificate(), digest).toString();
  }

  @Test
  void aCertificateOurCaIssuedRelays() {
    start(t -> t.clientCa(tls.resolve("rootCA.crt")));

    assertThat(relayWith("ours").output()).contains("<~  250 2.1.5 Ok");
  }

  @Test
  void aCertificateFromAnotherCaIsRefused() {
    start(t -> t.clientCa(tls.resolve("rootCA.crt")));

    assertThat(relayWith("theirs").output()).contains("554 5.7.1 <" + ELSEWHERE + ">: Relay access denied");
  }

  @Test
  void noCertificateIsRefused() {
    start(t -> t.clientCa(tls.resolve("rootCA.crt")));

    ProgramRun dialogue = RealPeers.swaks(postfix, UNTRUSTED, ELSEWHERE, "--quit-after", "RCPT", "--tls");

    assertThat(dialogue.output()).contains("Relay access denied");
  }

  @Test
  void aListedSha256FingerprintRelaysWhateverItsIssuer() {
    start(t -> t.allowClientFingerprint(fingerprint(issuedElsewhere, Fingerprint.Digest.SHA256), "node2"));

    assertThat(relayWith("theirs").output()).contains("<~  250 2.1.5 Ok");
    assertThat(relayWith("ours").output()).contains("Relay access denied");
  }

  @Test
  void aListedSha1FingerprintRelaysToo() {
    start(t -> t.allowClientFingerprint(fingerprint(issuedElsewhere, Fingerprint.Digest.SHA1), "node2"));

    assertThat(relayWith("theirs").output()).contains("<~  250 2.1.5 Ok");
    assertThat(relayWith("ours").output()).contains("Relay access denied");
  }

  @Test
  void aListedPublicKeyFingerprintRelays() {
    start(t -> t.allowClientFingerprint(Fingerprints.ofPublicKey(
        issuedElsewhere.certificate(), Fingerprint.Digest.SHA256).toString(), "node2"));

    assertThat(relayWith("theirs").output()).contains("<~  250 2.1.5 Ok");
  }
}
