package dev.mailgateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.Fqdn;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.api.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsHealthCheckTest {

  @TempDir
  Path dir;
  CertificateAuthority ca;

  @BeforeEach
  void files() {
    ca = CertificateAuthority.create("CA");
    ca.issueServer(Fqdn.parse("mx.example.com"), KeyType.EC_P256, Duration.ofDays(30))
        .writeTo(dir.resolve("bundle.crt"), dir.resolve("cert.key"));
  }

  private static Clock in(Duration later) {
    return Clock.fixed(Instant.now().plus(later), ZoneOffset.UTC);
  }

  @Test
  void freshCertificatesAreHealthy() {
    assertThat(TlsHealthCheck.startingNowInFolder(dir).check(Duration.ofDays(3), in(Duration.ZERO)))
        .isEmpty();
  }

  @Test
  void aCertificateExpiringWithinTheMarginIsAProblem() {
    assertThat(TlsHealthCheck.startingNowInFolder(dir).check(Duration.ofDays(3), in(Duration.ofDays(28))))
        .extracting(Violation::message).singleElement().asString()
        .contains("CN=mx.example.com expires on").contains("within 3 days");
  }

  @Test
  void anExpiredCertificateIsAProblem() {
    assertThat(TlsHealthCheck.startingNowInFolder(dir).check(Duration.ofDays(3), in(Duration.ofDays(31))))
        .extracting(Violation::message).anyMatch(m -> m.contains("expired on"));
  }

  @Test
  void everyCertificateOfThePolicyIsCheckedNotOnlyTheServers() {
    ca.issueClient("node", KeyType.EC_P256, Duration.ofDays(2))
        .writeTo(dir.resolve("client.crt"), dir.resolve("client.key"));
    TlsHealthCheck check = TlsHealthCheck.startingNow(MailGateway.policy()
        .inboundTls(t -> t.certificate(dir.resolve("bundle.crt")).key(dir.resolve("cert.key")))
        .outboundTls(t -> t.certificate(dir.resolve("client.crt")).key(dir.resolve("client.key")))
        .build());

    assertThat(check.check(Duration.ofDays(3), in(Duration.ZERO)))
        .extracting(Violation::path).containsExactly(dir.resolve("client.crt").toString());
  }

  @Test
  void aFileChangedSinceTheStartIsAProblem() throws Exception {
    TlsHealthCheck check = TlsHealthCheck.startingNowInFolder(dir);
    ca.issueServer(Fqdn.parse("mx.example.com"), KeyType.EC_P256, Duration.ofDays(30))
        .writeTo(dir.resolve("bundle.crt"), dir.resolve("cert.key"));

    assertThat(check.check(Duration.ofDays(3), in(Duration.ZERO)))
        .extracting(Violation::message)
        .containsOnly("changed on disk since the start: restart to load it");
  }

  @Test
  void aFileGoneSinceTheStartIsAProblem() throws Exception {
    TlsHealthCheck check = TlsHealthCheck.startingNowInFolder(dir);
    Files.delete(dir.resolve("cert.key"));

    assertThat(check.check(Duration.ofDays(3), in(Duration.ZERO)))
        .containsExactly(new Violation(dir.resolve("cert.key").toString(), "missing or unreadable"));
  }
}
