package dev.mailgateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgateway.config.RealPeers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys and certificates as openssl writes them, and broken ones. */
class PemTest {

  @TempDir
  Path dir;

  @Test
  void readsAPkcs1RsaKeyFromOpenssl() {
    Path key = dir.resolve("rsa.key");
    RealPeers.run("openssl", "genrsa", "-traditional", "-out", key.toString(), "2048");

    assertThat(Files.isRegularFile(key)).isTrue();
    assertThat(Pem.readPrivateKey(key).getAlgorithm()).isEqualTo("RSA");
  }

  @Test
  void readsAPkcs8EcKeyFromOpenssl() {
    Path key = dir.resolve("ec.key");
    RealPeers.run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
        "-out", key.toString());

    assertThat(Pem.readPrivateKey(key).getAlgorithm()).isIn("EC", "ECDSA");
  }

  @Test
  void readsAnEncryptedKeyWithItsPassword() {
    Path key = dir.resolve("enc.key");
    RealPeers.run("openssl", "genpkey", "-algorithm", "RSA", "-aes256", "-pass", "pass:s3cret",
        "-out", key.toString());

    PrivateKey read = Pem.readPrivateKey(key, "s3cret".toCharArray());

    assertThat(read.getAlgorithm()).isEqualTo("RSA");
  }

  @Test
  void anEncryptedKeyWithoutPasswordIsAClearError() {
    Path key = dir.resolve("enc.key");
    RealPeers.run("openssl", "genpkey", "-algorithm", "RSA", "-aes256", "-pass", "pass:s3cret",
        "-out", key.toString());

    assertThatThrownBy(() -> Pem.readPrivateKey(key))
        .hasMessageContaining("the private key is encrypted; give its password");
    assertThatThrownBy(() -> Pem.readPrivateKey(key, "wrong".toCharArray()))
        .hasMessageContaining("wrong password?");
  }

  @Test
  void truncatedPemIsAClearErrorNamingTheFile() throws Exception {
    CertifiedKey key = CertifiedKey.selfSigned(dev.mailgateway.api.Fqdn.parse("a.example.com"),
        KeyType.EC_P256, java.time.Duration.ofDays(1));
    String pem = Pem.encode(key.certificate());
    Path file = Files.writeString(dir.resolve("cut.crt"), pem.substring(0, pem.length() / 2));

    assertThatThrownBy(() -> Pem.readCertificate(file))
        .hasMessageStartingWith(file + ": broken PEM");
  }

  @Test
  void aFileWithoutCertificateIsAClearError() throws Exception {
    Path file = Files.writeString(dir.resolve("empty.crt"), "nothing here\n");

    assertThatThrownBy(() -> Pem.readCertificate(file))
        .hasMessage(file + ": no PEM certificate (BEGIN CERTIFICATE) found");
  }

  @Test
  void writtenKeysAreOwnerOnlyAndReadableByOpenssl() throws Exception {
    Path key = dir.resolve("k.key");
    Pem.writePrivateKey(key, KeyType.RSA_2048.generate().getPrivate());

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(RealPeers.run("openssl", "pkey", "-check", "-noout", "-in", key.toString())
        .output()).contains("Key is valid");
  }

  @Test
  void chainsAreReadLeafFirst() {
    CertificateAuthority ca = CertificateAuthority.create("CA");
    CertifiedKey server = ca.issueServer(dev.mailgateway.api.Fqdn.parse("mx.example.com"));
    server.writeTo(dir.resolve("bundle.crt"), dir.resolve("cert.key"));

    assertThat(Pem.readCertificates(dir.resolve("bundle.crt")))
        .containsExactly(server.certificate(), ca.certificate());
  }

  @Test
  void ecKeysSurviveAWriteAndReadWithTheirCurve() {
    Path key = dir.resolve("ec.key");
    PrivateKey written = KeyType.EC_P256.generate().getPrivate();
    Pem.writePrivateKey(key, written);

    assertThat(Pem.readPrivateKey(key).getEncoded()).isEqualTo(written.getEncoded());
    assertThat(RealPeers.run("openssl", "pkey", "-noout", "-text", "-in", key.toString())
        .output()).contains("prime256v1");
  }
}
