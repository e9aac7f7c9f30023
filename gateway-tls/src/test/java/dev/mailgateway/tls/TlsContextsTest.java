package dev.mailgateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgateway.api.Fqdn;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Handshakes on loopback between the contexts we make. */
class TlsContextsTest {

  static CertificateAuthority ca;
  static CertifiedKey server;
  static CertifiedKey ourClient;
  static CertifiedKey foreignClient;

  @BeforeAll
  static void certificates() {
    ca = CertificateAuthority.create("CA", KeyType.EC_P256, java.time.Duration.ofDays(30),
        java.time.Clock.systemUTC());
    server = ca.issueServer(Fqdn.parse("mx.example.com"), KeyType.EC_P256, java.time.Duration.ofDays(1));
    ourClient = ca.issueClient("node1", KeyType.EC_P256, java.time.Duration.ofDays(1));
    foreignClient = CertificateAuthority.create("Other").issueClient("node2");
  }

  /** What the server saw of the client: its certificate chain, or none. */
  private static Optional<List<X509Certificate>> handshake(SSLContext serverContext,
      ClientAuth auth, SSLContext clientContext) throws Exception {
    try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
        .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setSSLParameters(TlsContexts.parameters(serverContext, auth));
      CompletableFuture<Optional<List<X509Certificate>>> seen = CompletableFuture.supplyAsync(() -> {
        try (SSLSocket socket = (SSLSocket) listener.accept()) {
          socket.setSoTimeout(10_000);
          socket.startHandshake();
          socket.getOutputStream().write(1);
          socket.getOutputStream().flush();
          try {
            Certificate[] chain = socket.getSession().getPeerCertificates();
            return Optional.of(Arrays.stream(chain).map(c -> (X509Certificate) c).toList());
          } catch (SSLPeerUnverifiedException none) {
            return Optional.empty();
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      try (SSLSocket client = (SSLSocket) clientContext.getSocketFactory().createSocket()) {
        client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 10_000);
        client.setSoTimeout(10_000);
        client.setSSLParameters(TlsContexts.parameters(clientContext, ClientAuth.NONE));
        client.startHandshake();
        client.getInputStream().read();
      }
      return seen.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void wantedClientCertificateFromAnUntrustedIssuerIsStillSeenForFingerprintPinning() throws Exception {
    Optional<List<X509Certificate>> seen = handshake(
        TlsContexts.server(server, List.of(ca.certificate()), ClientAuth.WANT), ClientAuth.WANT,
        TlsContexts.client(Optional.of(foreignClient), List.of()));

    assertThat(seen).isPresent();
    assertThat(seen.get().get(0)).isEqualTo(foreignClient.certificate());
    assertThat(TlsContexts.isIssuedBy(seen.get(), List.of(ca.certificate()))).isFalse();
  }

  @Test
  void wantedClientCertificateOfOurCaIsRecognisedAsIssuedByIt() throws Exception {
    Optional<List<X509Certificate>> seen = handshake(
        TlsContexts.server(server, List.of(ca.certificate()), ClientAuth.WANT), ClientAuth.WANT,
        TlsContexts.client(Optional.of(ourClient), List.of(ca.certificate())));

    assertThat(TlsContexts.isIssuedBy(seen.orElseThrow(), List.of(ca.certificate()))).isTrue();
  }

  @Test
  void aClientWithoutCertificateCompletesTheHandshakeWhenOneIsOnlyWanted() throws Exception {
    Optional<List<X509Certificate>> seen = handshake(
        TlsContexts.server(server, List.of(), ClientAuth.WANT), ClientAuth.WANT,
        TlsContexts.client(Optional.empty(), List.of()));

    assertThat(seen).isEmpty();
  }

  @Test
  void aNeededCertificateFromAnotherCaFailsTheHandshake() {
    assertThatThrownBy(() -> handshake(
        TlsContexts.server(server, List.of(ca.certificate()), ClientAuth.NEED), ClientAuth.NEED,
        TlsContexts.client(Optional.of(foreignClient), List.of())))
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("bad_certificate");
  }

  @Test
  void aClientThatVerifiesRefusesAServerFromAnotherCa() {
    CertifiedKey foreignServer = CertificateAuthority.create("Other")
        .issueServer(Fqdn.parse("mx.example.com"));

    assertThatThrownBy(() -> handshake(TlsContexts.server(foreignServer, List.of(), ClientAuth.NONE),
        ClientAuth.NONE, TlsContexts.client(Optional.empty(), List.of(ca.certificate()))))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void onlyTls12And13AndNoWeakSuitesAreOffered() {
    SSLContext context = TlsContexts.server(server, List.of(), ClientAuth.NONE);
    var parameters = TlsContexts.parameters(context, ClientAuth.NONE);

    assertThat(parameters.getProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
    assertThat(parameters.getCipherSuites()).isNotEmpty()
        .noneMatch(s -> s.contains("_anon_") || s.contains("NULL") || s.contains("RC4")
            || s.contains("3DES") || s.contains("_DES_") || s.endsWith("_MD5"));
  }

  @Test
  void theExclusionsRemoveWeakSuitesByName() {
    assertThat(TlsContexts.allowedCipherSuites(new String[] {
        "TLS_AES_128_GCM_SHA256", "SSL_RSA_WITH_RC4_128_MD5", "TLS_DH_anon_WITH_AES_128_CBC_SHA",
        "SSL_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_NULL_SHA256", "SSL_RSA_WITH_DES_CBC_SHA"}))
        .containsExactly("TLS_AES_128_GCM_SHA256");
  }
}
