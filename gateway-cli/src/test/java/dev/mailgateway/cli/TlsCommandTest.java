package dev.mailgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsCommandTest {

  @TempDir
  Path dir;
  Path ca;

  @BeforeEach
  void createCa() {
    ca = dir.resolve("ca");
    assertThat(CommandOutput.of("tls", "ca", "--cn", "Test CA", "--out", ca.toString(),
        "--key-type", "ec256").exitCode()).isZero();
  }

  @Test
  void caWritesTheImagesFileNames() {
    assertThat(ca.resolve("ca.crt")).exists();
    assertThat(ca.resolve("ca.key")).exists();
  }

  @Test
  void serverCertificateIsWrittenAsBundleAndKey() {
    CommandOutput result = CommandOutput.of("tls", "server-cert", "--fqdn", "mx.example.com",
        "--ca", ca.toString(), "--out", dir.resolve("tls").toString());

    assertThat(result.exitCode()).isZero();
    assertThat(dir.resolve("tls/bundle.crt")).exists();
    assertThat(dir.resolve("tls/cert.key")).exists();
  }

  @Test
  void selfSignedServerCertificateNeedsNoCa() {
    assertThat(CommandOutput.of("tls", "server-cert", "--fqdn", "mx.example.com",
        "--out", dir.resolve("self").toString()).exitCode()).isZero();
  }

  @Test
  void clientCertificatePrintsItsRelayClientcertsLine() throws Exception {
    CommandOutput issued = CommandOutput.of("tls", "client-cert", "--cn", "node1.example.com",
        "--ca", ca.toString(), "--out", dir.resolve("node").toString(), "--days", "30");
    CommandOutput fingerprint = CommandOutput.of("tls", "fingerprint",
        dir.resolve("node/client.crt").toString());

    assertThat(issued.out()).contains("relay_clientcerts: " + fingerprint.out().strip()
        + " node1.example.com");
  }

  @Test
  void fingerprintChoosesDigestAndPublicKey() {
    CommandOutput.of("tls", "client-cert", "--cn", "n", "--ca", ca.toString(), "--out",
        dir.resolve("node").toString());
    String file = dir.resolve("node/client.crt").toString();

    assertThat(CommandOutput.of("tls", "fingerprint", "--sha1", file).out().strip()).hasSize(59);
    assertThat(CommandOutput.of("tls", "fingerprint", "--pubkey", file).out().strip())
        .hasSize(95).isNotEqualTo(CommandOutput.of("tls", "fingerprint", file).out().strip());
  }

  @Test
  void checkIsHealthyWithinTheValidityAndNotBeyond() {
    CommandOutput.of("tls", "client-cert", "--cn", "n", "--ca", ca.toString(), "--out",
        dir.resolve("node").toString(), "--days", "10");

    assertThat(CommandOutput.of("tls", "check", dir.resolve("node").toString()).exitCode()).isZero();
    CommandOutput late = CommandOutput.of("tls", "check", "--days", "11", dir.resolve("node").toString());
    assertThat(late.exitCode()).isEqualTo(1);
    assertThat(late.err()).contains("unhealthy: " + dir.resolve("node/client.crt")).contains("within 11 days");
  }

  @Test
  void signCsrRefusesAFileThatHoldsNoRequest() throws Exception {
    Path bogus = Files.writeString(dir.resolve("device.csr"), "not a request\n");

    CommandOutput result = CommandOutput.of("tls", "sign-csr", "--csr", bogus.toString(),
        "--ca", ca.toString(), "--out", dir.resolve("device.crt").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("no PEM certificate request");
    assertThat(dir.resolve("device.crt")).doesNotExist();
  }

  @Test
  void neverOverwritesAKey() {
    CommandOutput again = CommandOutput.of("tls", "ca", "--cn", "Other", "--out", ca.toString());

    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("exists already");
  }

  @Test
  void anUnknownKeyTypeIsAClearError() {
    CommandOutput result = CommandOutput.of("tls", "ca", "--cn", "X", "--out",
        dir.resolve("x").toString(), "--key-type", "dsa");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("'dsa' is not a key type");
  }

  @Test
  void aMissingCaFolderIsAClearError() {
    CommandOutput result = CommandOutput.of("tls", "client-cert", "--cn", "n", "--ca",
        dir.resolve("none").toString(), "--out", dir.resolve("n").toString());

    assertThat(result.err()).contains("ca.crt does not exist");
  }

  @Test
  void signCsrRefusesAValidityUnderADayNamingTheRequest() throws Exception {
    Path csr = dir.resolve("device.csr");
    dev.mailgateway.config.RealPeers.run("openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes",
        "-keyout", dir.resolve("device.key").toString(), "-out", csr.toString(), "-subj", "/CN=device");

    for (String days : new String[] {"0", "-5"}) {
      CommandOutput result = CommandOutput.of("tls", "sign-csr", "--csr", csr.toString(), "--ca",
          ca.toString(), "--out", dir.resolve("device" + days + ".crt").toString(), "--days", days);
      assertThat(result.exitCode()).as(days).isEqualTo(1);
      assertThat(result.err()).as(days).contains(csr + ": a certificate valid for");
      assertThat(dir.resolve("device" + days + ".crt")).doesNotExist();
    }
  }
}
