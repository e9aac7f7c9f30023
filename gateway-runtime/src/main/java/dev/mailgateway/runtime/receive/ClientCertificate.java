package dev.mailgateway.runtime.receive;

/**
 * What a client's TLS certificate proves for relaying, decided when the handshake completed.
 *
 * @param pinned its certificate or public-key fingerprint is listed ({@code relay_clientcerts})
 * @param issuedByTrustedCa it chains to the CA of {@code smtpd_tls_CAfile}
 */
public record ClientCertificate(boolean pinned, boolean issuedByTrustedCa) {

  /** No certificate, or one that proves nothing. */
  public static final ClientCertificate NONE = new ClientCertificate(false, false);
}
