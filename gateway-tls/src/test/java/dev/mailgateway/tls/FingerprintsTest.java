package dev.mailgateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.Fingerprint;
import dev.mailgateway.api.Fqdn;
import dev.mailgateway.config.RealPeers;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our fingerprints against openssl's for the same certificate. */
class FingerprintsTest {

  @TempDir
  Path dir;
  Path file;
  CertifiedKey key;

  @BeforeEach
  void certificate() {
    key = CertificateAuthority.create("CA").issueClient("node1.example.com");
    file = dir.resolve("client.crt");
    key.writeTo(file, dir.resolve("client.key"));
  }

  private String opensslFingerprint(String digest) {
    String line = RealPeers.run("openssl", "x509", "-noout", "-fingerprint", "-" + digest,
        "-in", file.toString()).output().strip();
    return line.substring(line.indexOf('=') + 1);
  }

  @Test
  void sha1FingerprintIsExactlyOpensslsOutput() {
    assertThat(Fingerprints.ofCertificate(key.certificate(), Fingerprint.Digest.SHA1))
        .hasToString(opensslFingerprint("sha1"));
  }

  @Test
  void sha256FingerprintIsExactlyOpensslsOutput() {
    assertThat(Fingerprints.ofCertificate(key.certificate(), Fingerprint.Digest.SHA256))
        .hasToString(opensslFingerprint("sha256"));
  }

  @Test
  void publicKeyFingerprintIsTheDigestOfTheSubjectPublicKeyInfo() {
    Path der = dir.resolve("pub.der");
    RealPeers.run("sh", "-c", "openssl x509 -in " + file + " -pubkey -noout"
        + " | openssl pkey -pubin -outform DER -out " + der);
    String digest = RealPeers.run("openssl", "dgst", "-sha256", "-c", der.toString()).output();

    assertThat(digest.strip().toUpperCase())
        .endsWith(Fingerprints.ofPublicKey(key.certificate(), Fingerprint.Digest.SHA256).toString());
  }

  @Test
  void relayEntryIsAPostfixTableLine() {
    assertThat(Fingerprints.relayEntry(key.certificate(), Fingerprint.Digest.SHA256, "node1"))
        .hasToString(opensslFingerprint("sha256") + " node1");
    assertThat(Fqdn.parse("node1.example.com").name()).isEqualTo("node1.example.com");
  }
}
