package dev.mailgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.Fqdn;
import dev.mailgateway.config.RealPeers;
import dev.mailgateway.tls.CertifiedKey;
import dev.mailgateway.tls.KeyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway check}, the image's health check, against {@code gateway run}. */
class CheckCommandTest {

  @TempDir
  Path dir;
  Process gateway;

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      gateway.destroy();
      gateway.waitFor(20, TimeUnit.SECONDS);
    }
  }

  private Path certificate() {
    return dir.resolve("tls/bundle.crt");
  }

  private void writeCertificate(Duration validity) throws IOException {
    Files.createDirectories(dir.resolve("tls"));
    CertifiedKey.selfSigned(Fqdn.parse("gateway.example.test"), KeyType.EC_P256, validity)
        .writeTo(certificate(), dir.resolve("tls/cert.key"));
  }

  private void startGateway() throws Exception {
    int port = RealPeers.freePort();
    Path policy = Files.writeString(dir.resolve("policy.yaml"), "hostname: gateway.example.test\n"
        + "trust: [127.0.0.1/32]\ncontentFilter: {enabled: false}\n"
        + "tls:\n  inbound:\n    certificate: " + certificate() + "\n    key: " + dir.resolve("tls/cert.key") + "\n");
    gateway = GatewayProcess.start(policy, port, dir.resolve("spool"), dir.resolve("gateway.log"));
    GatewayProcess.awaitStarted(dir.resolve("gateway.log"));
  }

  private CommandOutput check(String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("check", "--spool", dir.resolve("spool").toString()));
    args.addAll(List.of(more));
    return CommandOutput.of(args.toArray(String[]::new));
  }

  @Test
  void aRunningGatewayWithAValidCertificateIsHealthy() throws Exception {
    writeCertificate(Duration.ofDays(90));
    startGateway();

    CommandOutput check = check();

    assertThat(check.exitCode()).as(check.err()).isZero();
    assertThat(check.out()).contains("healthy: the gateway answers and is ready; 1 certificate files");
  }

  @Test
  void aCertificateReplacedOnDiskIsNotPickedUpYet() throws Exception {
    writeCertificate(Duration.ofDays(90));
    startGateway();
    writeCertificate(Duration.ofDays(90));

    CommandOutput check = check();

    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.err()).contains("unhealthy: " + certificate()
        + ": changed on disk and not yet picked up by the gateway");
  }

  @Test
  void aCertificateExpiringWithinTheMarginIsUnhealthy() throws Exception {
    writeCertificate(Duration.ofDays(2));
    startGateway();

    CommandOutput check = check("--days", "3");

    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.err()).contains("within 3 days");
  }

  @Test
  void aGatewayThatIsNotRunningIsUnhealthy() throws Exception {
    writeCertificate(Duration.ofDays(90));
    startGateway();
    gateway.destroy();
    gateway.waitFor(20, TimeUnit.SECONDS);

    CommandOutput check = check();

    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.err()).contains("unhealthy: the gateway does not answer on");
  }

  @Test
  void aFolderWithoutASpoolIsUnhealthy() {
    CommandOutput check = check();

    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.err()).contains("no gateway spool here (no queue/ folder)")
        .contains("the gateway does not answer");
  }
}
