package dev.mailgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.DkimAlgorithm;
import dev.mailgateway.api.Fqdn;
import dev.mailgateway.dkim.DkimKey;
import dev.mailgateway.tls.CertificateAuthority;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image's tls and DKIM files are read at import: garbage is refused, naming its field. */
class KeyFilesTest {

  @TempDir
  Path dir;

  private CommandOutput policy(Path env) {
    return CommandOutput.of("policy", "--env-file", env.toString(), "--tls-dir",
        dir.resolve("tls").toString(), "--additional-dir", dir.resolve("additional").toString());
  }

  private Path env(String... lines) throws Exception {
    return Files.writeString(dir.resolve("gateway.env"), String.join("\n", lines) + "\n");
  }

  @Test
  void aTruncatedServerCertificateIsRefusedAtImport() throws Exception {
    Path tls = Files.createDirectories(dir.resolve("tls"));
    CertificateAuthority.create("CA").issueServer(Fqdn.parse("mx.example.com"))
        .writeTo(tls.resolve("bundle.crt"), tls.resolve("cert.key"));
    String pem = Files.readString(tls.resolve("bundle.crt"));
    Files.writeString(tls.resolve("bundle.crt"), pem.substring(0, pem.length() / 2));

    CommandOutput result = policy(env("MAIL_FQDN=mx.example.com", "DISABLE_VIRUS_CHECKS=1",
        "DISABLE_SPAM_CHECKS=1"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("tls.inbound.certificate");
  }

  @Test
  void aKeyOfAnotherCertificateIsRefusedAtImport() throws Exception {
    Path tls = Files.createDirectories(dir.resolve("tls"));
    CertificateAuthority ca = CertificateAuthority.create("CA");
    ca.issueServer(Fqdn.parse("mx.example.com")).writeTo(tls.resolve("bundle.crt"), tls.resolve("cert.key"));
    ca.issueServer(Fqdn.parse("other.example.com")).writeTo(dir.resolve("other.crt"), dir.resolve("other.key"));
    Files.copy(dir.resolve("other.key"), tls.resolve("cert.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    CommandOutput result = policy(env("MAIL_FQDN=mx.example.com", "DISABLE_VIRUS_CHECKS=1",
        "DISABLE_SPAM_CHECKS=1"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("the private key does not match the certificate");
  }

  @Test
  void aGarbageDkimKeyIsRefusedAndAWeakOneWarnedAbout() throws Exception {
    Path keys = Files.createDirectories(dir.resolve("additional/opendkim/keys/example.com"));
    Files.writeString(keys.resolve("default.private"), "not a key\n");

    CommandOutput garbage = policy(env("MAIL_FQDN=mx.example.com", "DKIM_DOMAINS=example.com",
        "DISABLE_VIRUS_CHECKS=1", "DISABLE_SPAM_CHECKS=1"));

    assertThat(garbage.exitCode()).isEqualTo(1);
    assertThat(garbage.err()).contains("dkim.domains[example.com]");

    DkimKey.generate(DkimAlgorithm.RSA, 1024, true).write(keys.resolve("default.private"));
    CommandOutput weak = policy(env("MAIL_FQDN=mx.example.com", "DKIM_DOMAINS=example.com",
        "DISABLE_VIRUS_CHECKS=1", "DISABLE_SPAM_CHECKS=1"));

    assertThat(weak.exitCode()).isZero();
    assertThat(weak.err()).contains("is a 1024-bit RSA key: it signs, but is weak");
  }
}
