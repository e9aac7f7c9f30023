package dev.mailgateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.config.RealPeers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our expiry check agrees with {@code openssl x509 -checkend} on both sides of the edge. */
class CertificateExpiryTest {

  @TempDir
  Path dir;
  CertifiedKey key;
  Path file;

  @BeforeEach
  void certificate() {
    key = CertificateAuthority.create("CA").issueClient("node", KeyType.EC_P256, Duration.ofDays(10));
    file = dir.resolve("c.crt");
    key.writeTo(file, dir.resolve("c.key"));
  }

  private boolean opensslSaysValidFor(long seconds) {
    return RealPeers.run("openssl", "x509", "-checkend", Long.toString(seconds), "-noout",
        "-in", file.toString()).exitCode() == 0;
  }

  @Test
  void agreesWithOpensslJustBeforeTheEnd() {
    Instant now = Instant.now();
    long left = Duration.between(now, CertificateExpiry.end(key.certificate())).toSeconds();
    Duration margin = Duration.ofSeconds(left - 30);

    assertThat(CertificateExpiry.isValidFor(key.certificate(), margin, Clock.fixed(now, ZoneOffset.UTC)))
        .isTrue()
        .isEqualTo(opensslSaysValidFor(margin.toSeconds()));
  }

  @Test
  void agreesWithOpensslJustAfterTheEnd() {
    Instant now = Instant.now();
    long left = Duration.between(now, CertificateExpiry.end(key.certificate())).toSeconds();
    Duration margin = Duration.ofSeconds(left + 30);

    assertThat(CertificateExpiry.isValidFor(key.certificate(), margin, Clock.fixed(now, ZoneOffset.UTC)))
        .isFalse()
        .isEqualTo(opensslSaysValidFor(margin.toSeconds()));
  }

  @Test
  void theEndItselfCountsAsExpired() {
    Instant end = CertificateExpiry.end(key.certificate());

    assertThat(CertificateExpiry.isValidFor(key.certificate(), Duration.ZERO,
        Clock.fixed(end, ZoneOffset.UTC))).isFalse();
    assertThat(CertificateExpiry.isValidFor(key.certificate(), Duration.ZERO,
        Clock.fixed(end.minusSeconds(1), ZoneOffset.UTC))).isTrue();
  }
}
