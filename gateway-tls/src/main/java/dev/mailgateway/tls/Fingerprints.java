package dev.mailgateway.tls;

import dev.mailgateway.api.ClientFingerprint;
import dev.mailgateway.api.Fingerprint;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

/**
 * Fingerprints as Postfix computes them for {@code relay_clientcerts}: of the whole certificate
 * (DER), as {@code openssl x509 -noout -fingerprint} prints them, or of the public key (the DER
 * subjectPublicKeyInfo), which survives the certificate's renewal with the same key.
 */
public final class Fingerprints {

  private Fingerprints() {}

  /** The fingerprint of the certificate. */
  public static Fingerprint ofCertificate(X509Certificate certificate, Fingerprint.Digest digest) {
    try {
      return digest(certificate.getEncoded(), digest);
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("the certificate cannot be encoded: " + e.getMessage(), e);
    }
  }

  /** The fingerprint of the certificate's public key. */
  public static Fingerprint ofPublicKey(X509Certificate certificate, Fingerprint.Digest digest) {
    return digest(certificate.getPublicKey().getEncoded(), digest);
  }

  /** A {@code relay_clientcerts} entry: the certificate's fingerprint and a label. */
  public static ClientFingerprint relayEntry(X509Certificate certificate,
      Fingerprint.Digest digest, String label) {
    return new ClientFingerprint(ofCertificate(certificate, digest), label);
  }

  private static Fingerprint digest(byte[] data, Fingerprint.Digest digest) {
    try {
      String algorithm = digest == Fingerprint.Digest.SHA1 ? "SHA-1" : "SHA-256";
      return Fingerprint.of(MessageDigest.getInstance(algorithm).digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1 and SHA-256", e);
    }
  }
}
