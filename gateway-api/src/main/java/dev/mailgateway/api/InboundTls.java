package dev.mailgateway.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * TLS of the SMTP server: Postfix's {@code smtpd_tls_*} parameters, and which client
 * certificates may relay.
 */
@Value.Immutable
public abstract class InboundTls {

  /** The server certificate or bundle ({@code smtpd_tls_cert_file}). */
  public abstract Path certificate();

  /** The server key ({@code smtpd_tls_key_file}). */
  public abstract Path key();

  /** {@code smtpd_tls_security_level}: none, may or encrypt. */
  @Value.Default
  public SecurityLevel securityLevel() {
    return SecurityLevel.MAY;
  }

  /**
   * A CA whose client certificates may relay ({@code smtpd_tls_CAfile} with {@code
   * permit_tls_all_clientcerts}).
   */
  public abstract Optional<Path> clientCa();

  /**
   * Client certificates that may relay, by fingerprint ({@code relay_clientcerts} with {@code
   * permit_tls_clientcerts}).
   */
  public abstract List<ClientFingerprint> fingerprints();

  /** Whether the server asks clients for a certificate ({@code smtpd_tls_ask_ccert}). */
  public boolean asksClientCertificate() {
    return clientCa().isPresent() || !fingerprints().isEmpty();
  }

  /**
   * The digest of the listed fingerprints ({@code smtpd_tls_fingerprint_digest}), when there are
   * any.
   */
  public Optional<Fingerprint.Digest> fingerprintDigest() {
    return fingerprints().stream().map(f -> f.fingerprint().digest()).findFirst();
  }
}
