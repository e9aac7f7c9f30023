package dev.mailgateway.tls;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts any peer certificate during the handshake. Postfix does the same wherever it only asks
 * for a certificate (opportunistic TLS, {@code smtpd_tls_ask_ccert}): the handshake completes,
 * and the decision that matters (relay by fingerprint or by CA) is made afterwards on the
 * certificate the peer showed. JSSE's default would abort the handshake instead.
 */
final class AnyCertificateTrust extends X509ExtendedTrustManager {

  static final AnyCertificateTrust INSTANCE = new AnyCertificateTrust();

  private AnyCertificateTrust() {}

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) {}

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) {}

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
