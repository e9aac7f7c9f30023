package dev.mailgateway.tls;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether a certificate stays valid long enough, judged as {@code openssl x509 -checkend} judges
 * it: a certificate whose end is at or before now plus the margin expires within the margin.
 */
public final class CertificateExpiry {

  private CertificateExpiry() {}

  /** Whether the certificate is still valid at {@code now + margin} (strictly before its end). */
  public static boolean isValidFor(X509Certificate certificate, Duration margin, Clock clock) {
    return certificate.getNotAfter().toInstant().isAfter(clock.instant().plus(margin));
  }

  /** How long the certificate has left; negative when it has expired. */
  public static Duration remaining(X509Certificate certificate, Clock clock) {
    return Duration.between(clock.instant(), certificate.getNotAfter().toInstant());
  }

  /** When the certificate ends. */
  public static Instant end(X509Certificate certificate) {
    return certificate.getNotAfter().toInstant();
  }
}
