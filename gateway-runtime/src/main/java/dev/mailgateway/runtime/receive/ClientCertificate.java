package dev.mailgateway.runtime.receive;

/**
 * What a client's TLS certificate proves for relaying, decided when the handshake completed.
 *
 * @param pinned its certificate or public-key fingerprint is listed ({@code relay_clientcerts})
 * @param issuedByTrustedCa it chains to the CA of {@code smtpd_tls_CAfile}
 * @param fingerprint its SHA-256 fingerprint, empty when the client presented none
 */
public record ClientCertificate(boolean pinned, boolean issuedByTrustedCa,
    java.util.Optional<String> fingerprint) {

  /** No certificate. */
  public static final ClientCertificate NONE =
      new ClientCertificate(false, false, java.util.Optional.empty());

  /** A certificate that proves this much, without its fingerprint. */
  public ClientCertificate(boolean pinned, boolean issuedByTrustedCa) {
    this(pinned, issuedByTrustedCa, java.util.Optional.empty());
  }
}
