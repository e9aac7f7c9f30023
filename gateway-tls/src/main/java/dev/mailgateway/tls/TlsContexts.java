package dev.mailgateway.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code SSLContext}s for an SMTP server and client, and the parameters that apply the image's
 * TLS hardening to their sockets: TLS 1.2 and 1.3 only, no anonymous, NULL, DES, 3DES, RC4 or
 * MD5 cipher suites.
 */
public final class TlsContexts {

  /** The protocols the image allows (Postfix's {@code !SSLv2, !SSLv3, !TLSv1, !TLSv1.1}). */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /** The parts of a cipher suite's name that the image's exclusions forbid. */
  private static final List<String> EXCLUDED = List.of("_anon_", "_NULL_", "_DES_", "_DES40_",
      "_3DES_", "_DESede_", "_RC4_", "_MD5", "_EXPORT_");

  private static final char[] NO_PASSWORD = new char[0];

  private TlsContexts() {}

  /**
   * A server context presenting {@code identity}.
   *
   * @param clientCas the CAs whose client certificates are trusted; with {@link ClientAuth#WANT}
   *     any certificate is accepted in the handshake so that a pinned fingerprint can be matched
   *     afterwards, as Postfix does
   */
  public static SSLContext server(CertifiedKey identity, List<X509Certificate> clientCas,
      ClientAuth clientAuth) {
    TrustManager[] trust = clientAuth == ClientAuth.NEED
        ? trusting(clientCas) : new TrustManager[] {AnyCertificateTrust.INSTANCE};
    return context(keyManagers(Optional.of(identity)), trust);
  }

  /**
   * A client context, presenting {@code identity} when given.
   *
   * @param trustedCas the CAs a server certificate must chain to; empty trusts any server, as
   *     Postfix's {@code may} and {@code encrypt} levels do
   */
  public static SSLContext client(Optional<CertifiedKey> identity, List<X509Certificate> trustedCas) {
    TrustManager[] trust = trustedCas.isEmpty()
        ? new TrustManager[] {AnyCertificateTrust.INSTANCE} : trusting(trustedCas);
    return context(keyManagers(identity), trust);
  }

  /** Socket parameters with the image's protocols and cipher suites, and the client auth mode. */
  public static SSLParameters parameters(SSLContext context, ClientAuth clientAuth) {
    SSLParameters parameters = context.getDefaultSSLParameters();
    parameters.setProtocols(PROTOCOLS.stream()
        .filter(Arrays.asList(context.getSupportedSSLParameters().getProtocols())::contains)
        .toArray(String[]::new));
    parameters.setCipherSuites(allowedCipherSuites(parameters.getCipherSuites()));
    parameters.setNeedClientAuth(clientAuth == ClientAuth.NEED);
    if (clientAuth == ClientAuth.WANT) {
      parameters.setWantClientAuth(true);
    }
    return parameters;
  }

  /** The suites that survive the image's exclusions. */
  static String[] allowedCipherSuites(String[] suites) {
    return Arrays.stream(suites)
        .filter(suite -> EXCLUDED.stream().noneMatch(
            part -> suite.toUpperCase(Locale.ROOT).contains(part.toUpperCase(Locale.ROOT))))
        .toArray(String[]::new);
  }

  private static KeyManager[] keyManagers(Optional<CertifiedKey> identity) {
    if (identity.isEmpty()) {
      return new KeyManager[0];
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("identity", identity.get().key(), NO_PASSWORD,
          identity.get().chain().toArray(X509Certificate[]::new));
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, NO_PASSWORD);
      return factory.getKeyManagers();
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot load the key into a key manager: " + e.getMessage(), e);
    }
  }

  private static TrustManager[] trusting(List<X509Certificate> cas) {
    if (cas.isEmpty()) {
      throw new IllegalArgumentException("requiring a verified certificate needs at least one CA");
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      for (int i = 0; i < cas.size(); i++) {
        store.setCertificateEntry("ca" + i, cas.get(i));
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory.getTrustManagers();
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot load the CAs into a trust manager: " + e.getMessage(), e);
    }
  }

  private static SSLContext context(KeyManager[] keys, TrustManager[] trust) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a TLS context: " + e.getMessage(), e);
    }
  }

  /** Whether a chain's leaf was issued by one of the CAs (its signature verifies). */
  public static boolean isIssuedBy(List<X509Certificate> chain, List<X509Certificate> cas) {
    if (chain.isEmpty()) {
      return false;
    }
    X509Certificate leaf = chain.get(0);
    for (X509Certificate ca : cas) {
      try {
        if (leaf.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
          leaf.verify(ca.getPublicKey());
          leaf.checkValidity();
          return true;
        }
      } catch (GeneralSecurityException notThisOne) {
        // Another CA of the list may have issued it.
      }
    }
    return false;
  }
}
