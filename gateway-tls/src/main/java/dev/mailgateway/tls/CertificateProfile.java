package dev.mailgateway.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * What a certificate of each kind carries (basic constraints, key usage, extended key usage,
 * names), and the signing of it. Mail servers need the host name in the subjectAltName, not only
 * in the CN; a CA may issue end-entity certificates only (path length 0).
 */
enum CertificateProfile {
  /** A root CA. */
  CA,
  /** A server certificate; mail servers are SMTP clients too, so it may authenticate both ways. */
  SERVER,
  /** A client certificate of a trusted node. */
  CLIENT;

  /** Clock skew tolerated by giving certificates a start a little in the past. */
  private static final Duration BACKDATE = Duration.ofMinutes(5);
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Signs a certificate of this profile.
   *
   * @param dnsNames the subjectAltName dNSNames; empty for none
   */
  X509Certificate sign(X500Name subject, PublicKey subjectKey, List<String> dnsNames,
      X500Name issuer, PrivateKey issuerKey, Optional<X509Certificate> issuerCertificate,
      Duration validity, Clock clock) {
    Instant now = clock.instant();
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(now),
          Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), subject, subjectKey);
      builder.addExtension(Extension.subjectKeyIdentifier, false,
          extensions.createSubjectKeyIdentifier(subjectKey));
      if (issuerCertificate.isPresent()) {
        builder.addExtension(Extension.authorityKeyIdentifier, false,
            extensions.createAuthorityKeyIdentifier(issuerCertificate.get()));
      }
      if (this == CA) {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.keyUsage, true,
            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        int usage = KeyUsage.digitalSignature
            | ("RSA".equals(subjectKey.getAlgorithm()) ? KeyUsage.keyEncipherment : 0);
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
        builder.addExtension(Extension.extendedKeyUsage, false, this == SERVER
            ? new ExtendedKeyUsage(new KeyPurposeId[] {
                KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth})
            : new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
      }
      if (!dnsNames.isEmpty()) {
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
            dnsNames.stream().map(n -> new GeneralName(GeneralName.dNSName, n))
                .toArray(GeneralName[]::new)));
      }
      return Pem.certificate(builder.build(
          new JcaContentSignerBuilder(KeyType.signatureAlgorithm(issuerKey)).build(issuerKey)),
          "a new certificate");
    } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a " + this + " certificate: " + e.getMessage(), e);
    }
  }

  /**
   * A serial that never repeats: the issuing millisecond in the high bits, 64 random bits below,
   * positive as RFC 5280 asks and at most 20 bytes long.
   */
  private static BigInteger serial(Instant now) {
    return BigInteger.valueOf(now.toEpochMilli()).shiftLeft(64)
        .or(new BigInteger(64, RANDOM));
  }
}
