package dev.mailgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.Fqdn;
import dev.mailgateway.tls.CertifiedKey;
import dev.mailgateway.tls.KeyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway tls check} passes only files that hold certificates that parse and stay valid. */
class TlsCheckTest {

  @TempDir
  Path dir;
  Path tls;
  String valid;

  @BeforeEach
  void folder() throws Exception {
    tls = Files.createDirectories(dir.resolve("tls"));
    CertifiedKey.selfSigned(Fqdn.parse("gateway.example.test"), KeyType.EC_P256, Duration.ofDays(90))
        .writeTo(tls.resolve("bundle.crt"), tls.resolve("cert.key"));
    valid = Files.readString(tls.resolve("bundle.crt"));
  }

  private CommandOutput check(Path target) {
    return CommandOutput.of("tls", "check", target.toString());
  }

  private void unhealthy(Path target, String why) {
    CommandOutput check = check(target);
    assertThat(check.exitCode()).as(check.out()).isEqualTo(1);
    assertThat(check.err()).contains("unhealthy: ").contains(why);
  }

  @Test
  void theImagesFolderWithAMatchingKeyIsHealthy() {
    CommandOutput check = check(tls);

    assertThat(check.exitCode()).as(check.err()).isZero();
    assertThat(check.out()).contains("healthy: 1 certificate files");
  }

  @Test
  void aTruncatedBundleIsUnhealthy() throws Exception {
    Files.writeString(tls.resolve("bundle.crt"), valid.substring(0, valid.length() / 2));

    unhealthy(tls, "bundle.crt");
  }

  @Test
  void aDerBundleIsUnhealthy() throws Exception {
    String base64 = valid.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    Files.write(tls.resolve("bundle.crt"), Base64.getDecoder().decode(base64));

    unhealthy(tls, "holds no PEM certificate");
  }

  @Test
  void aBundleWithDamagedBase64IsUnhealthy() throws Exception {
    Files.writeString(tls.resolve("bundle.crt"), valid.replace("M", "!"));

    unhealthy(tls, "does not parse");
  }

  @Test
  void plainTextIsUnhealthy() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.crt"), "renew me next week\n");

    unhealthy(file, "holds no PEM certificate");
  }

  @Test
  void anEmptyFileIsUnhealthy() throws Exception {
    unhealthy(Files.writeString(dir.resolve("empty.crt"), ""), "holds no PEM certificate");
  }

  @Test
  void anEmptyFolderIsUnhealthy() throws Exception {
    unhealthy(Files.createDirectories(dir.resolve("nothing")), "holds no certificate file");
  }

  @Test
  void aPrivateKeyIsUnhealthy() {
    unhealthy(tls.resolve("cert.key"), "it is a private key");
  }

  @Test
  void aChainWhoseSecondCertificateIsBrokenIsUnhealthy() throws Exception {
    Files.writeString(tls.resolve("bundle.crt"), valid + "-----BEGIN CERTIFICATE-----\nMIIB\n"
        + "-----END CERTIFICATE-----\n");

    unhealthy(tls, "bundle.crt");
  }

  @Test
  void aKeyThatIsNotTheCertificatesIsUnhealthy() throws Exception {
    Path other = Files.createDirectories(dir.resolve("other"));
    CertifiedKey.selfSigned(Fqdn.parse("other.example.test"), KeyType.EC_P256, Duration.ofDays(90))
        .writeTo(other.resolve("bundle.crt"), other.resolve("cert.key"));
    Files.copy(other.resolve("cert.key"), tls.resolve("cert.key"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    unhealthy(tls, "does not match");
  }

  @Test
  void aHugeFileIsUnhealthyWithoutBeingReadWhole() throws Exception {
    Path huge = dir.resolve("huge.crt");
    try (var out = Files.newOutputStream(huge)) {
      byte[] junk = new byte[1024 * 1024];
      for (int i = 0; i < 20; i++) {
        out.write(junk);
      }
    }

    unhealthy(huge, "larger than 1 MB");
  }

  @Test
  void aNegativeMarginIsAUsageError() {
    CommandOutput check = CommandOutput.of("tls", "check", "--days", "-1", tls.toString());

    assertThat(check.exitCode()).isNotZero();
    assertThat(check.err()).contains("--days is a number of days, 0 or more, not -1");
  }
}
