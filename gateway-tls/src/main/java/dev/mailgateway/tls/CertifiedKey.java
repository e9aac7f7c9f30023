package dev.mailgateway.tls;

import dev.mailgateway.api.Fqdn;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * A private key with its certificate chain (leaf first): what a TLS server or client presents.
 * The key always belongs to the leaf certificate.
 *
 * @param key the private key
 * @param chain the leaf certificate, then any intermediates and the CA
 */
public record CertifiedKey(PrivateKey key, List<X509Certificate> chain) {

  /** Checks that the chain is not empty and that the key belongs to its leaf. */
  public CertifiedKey {
    Objects.requireNonNull(key, "key");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a certified key needs a certificate");
    }
    if (!matches(key, chain.get(0).getPublicKey())) {
      throw new IllegalArgumentException("the private key does not match the certificate "
          + chain.get(0).getSubjectX500Principal().getName());
    }
  }

  /** The leaf certificate. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  /**
   * A self-signed server certificate for a host name: CN and subjectAltName are the name.
   *
   * @param validity how long from now it is valid
   */
  public static CertifiedKey selfSigned(Fqdn host, KeyType type, Duration validity) {
    return selfSigned(host, type, validity, Clock.systemUTC());
  }

  static CertifiedKey selfSigned(Fqdn host, KeyType type, Duration validity, Clock clock) {
    KeyPair pair = type.generate();
    X500Name name = Names.commonName(host.name());
    X509Certificate certificate = CertificateProfile.SERVER.sign(name, pair.getPublic(),
        List.of(host.name()), name, pair.getPrivate(), java.util.Optional.empty(), validity, clock);
    return new CertifiedKey(pair.getPrivate(), List.of(certificate));
  }

  /**
   * Reads a certificate (or chain) file and its key file.
   *
   * @throws IllegalArgumentException naming the file when either is broken, or when the key does
   *     not match the certificate
   */
  public static CertifiedKey read(Path certificateFile, Path keyFile) {
    List<X509Certificate> chain = Pem.readCertificates(certificateFile);
    PrivateKey key = Pem.readPrivateKey(keyFile);
    if (!matches(key, chain.get(0).getPublicKey())) {
      throw new IllegalArgumentException(
          keyFile + ": the private key does not match the certificate in " + certificateFile);
    }
    return new CertifiedKey(key, chain);
  }

  /** Writes the chain and the key (owner-only). */
  public void writeTo(Path certificateFile, Path keyFile) {
    Pem.writePrivateKey(keyFile, key);
    Pem.writeCertificates(certificateFile, chain);
  }

  /** Whether a private key belongs to a public key: it signs what the public key verifies. */
  static boolean matches(PrivateKey key, PublicKey publicKey) {
    if (!key.getAlgorithm().equals(publicKey.getAlgorithm())
        && !(isEc(key.getAlgorithm()) && isEc(publicKey.getAlgorithm()))) {
      return false;
    }
    try {
      String algorithm = KeyType.signatureAlgorithm(key);
      byte[] probe = new byte[32];
      new SecureRandom().nextBytes(probe);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isEc(String algorithm) {
    return algorithm.equals("EC") || algorithm.equals("ECDSA");
  }
}
