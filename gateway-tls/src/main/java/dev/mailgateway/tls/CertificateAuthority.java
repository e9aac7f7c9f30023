package dev.mailgateway.tls;

import dev.mailgateway.api.Fqdn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A small certificate authority, as the image's README makes one with openssl: a root that issues
 * server certificates, client certificates for trusted nodes, and certificates for CSRs made
 * elsewhere. Its files are {@code ca.crt} and {@code ca.key} (owner-only).
 *
 * <pre>{@code
 * CertificateAuthority ca = CertificateAuthority.create("Example Mail CA");
 * ca.writeTo(Path.of("ca"));
 * CertifiedKey node = ca.issueClient("node1.example.com");
 * }</pre>
 */
public final class CertificateAuthority {

  /** The CA's certificate file in its folder. */
  public static final String CERTIFICATE_FILE = "ca.crt";
  /** The CA's key file in its folder. */
  public static final String KEY_FILE = "ca.key";
  /** How long a new CA is valid unless told otherwise. */
  public static final Duration DEFAULT_CA_VALIDITY = Duration.ofDays(3650);
  /** How long an issued certificate is valid unless told otherwise. */
  public static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);

  private final CertifiedKey root;
  private final Clock clock;

  private CertificateAuthority(CertifiedKey root, Clock clock) {
    this.root = root;
    this.clock = clock;
  }

  /** A new root CA with an RSA 2048 key, valid for ten years. */
  public static CertificateAuthority create(String commonName) {
    return create(commonName, KeyType.RSA_2048, DEFAULT_CA_VALIDITY, Clock.systemUTC());
  }

  /** A new root CA. */
  public static CertificateAuthority create(String commonName, KeyType type, Duration validity,
      Clock clock) {
    KeyPair pair = type.generate();
    X500Name name = Names.commonName(commonName);
    X509Certificate certificate = CertificateProfile.CA.sign(name, pair.getPublic(), List.of(),
        name, pair.getPrivate(), Optional.empty(), validity, clock);
    return new CertificateAuthority(new CertifiedKey(pair.getPrivate(), List.of(certificate)), clock);
  }

  /**
   * Loads a CA from its folder ({@code ca.crt}, {@code ca.key}).
   *
   * @throws IllegalArgumentException when a file is missing or broken, the key does not match,
   *     the certificate is no CA, or it has expired
   */
  public static CertificateAuthority load(Path folder) {
    return load(folder, Clock.systemUTC());
  }

  /** Loads a CA, judging its validity by a clock. */
  public static CertificateAuthority load(Path folder, Clock clock) {
    Path certificateFile = folder.resolve(CERTIFICATE_FILE);
    Path keyFile = folder.resolve(KEY_FILE);
    for (Path file : List.of(certificateFile, keyFile)) {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(file + " does not exist: is " + folder + " a CA folder"
            + " (made by 'gateway tls ca')?");
      }
    }
    CertifiedKey root = CertifiedKey.read(certificateFile, keyFile);
    X509Certificate certificate = root.certificate();
    if (certificate.getBasicConstraints() < 0) {
      throw new IllegalArgumentException(certificateFile + " is not a CA certificate (no"
          + " basicConstraints CA:TRUE)");
    }
    Instant now = clock.instant();
    if (certificate.getNotAfter().toInstant().isBefore(now)) {
      throw new IllegalArgumentException(certificateFile + ": the CA expired on "
          + certificate.getNotAfter().toInstant() + "; make a new CA");
    }
    if (certificate.getNotBefore().toInstant().isAfter(now)) {
      throw new IllegalArgumentException(certificateFile + ": the CA is not valid before "
          + certificate.getNotBefore().toInstant());
    }
    return new CertificateAuthority(root, clock);
  }

  /** Writes {@code ca.crt} and {@code ca.key} (owner-only) into a folder. */
  public void writeTo(Path folder) {
    root.writeTo(folder.resolve(CERTIFICATE_FILE), folder.resolve(KEY_FILE));
  }

  /** The CA's certificate: what servers trust client certificates by ({@code rootCA.crt}). */
  public X509Certificate certificate() {
    return root.certificate();
  }

  /** A server certificate for a host, RSA 2048, valid for a year. */
  public CertifiedKey issueServer(Fqdn host) {
    return issueServer(host, KeyType.RSA_2048, DEFAULT_VALIDITY);
  }

  /** A server certificate for a host: CN and subjectAltName are its name. */
  public CertifiedKey issueServer(Fqdn host, KeyType type, Duration validity) {
    return issue(CertificateProfile.SERVER, host.name(), List.of(host.name()), type, validity);
  }

  /** A client certificate for a trusted node, RSA 2048, valid for a year. */
  public CertifiedKey issueClient(String commonName) {
    return issueClient(commonName, KeyType.RSA_2048, DEFAULT_VALIDITY);
  }

  /**
   * A client certificate for a trusted node. A common name that is a host name is put into the
   * subjectAltName too.
   */
  public CertifiedKey issueClient(String commonName, KeyType type, Duration validity) {
    List<String> names = new ArrayList<>();
    try {
      names.add(Fqdn.parse(commonName).name());
    } catch (IllegalArgumentException notAHostName) {
      // A label such as "backup-node" is a fine CN; it just is no DNS name.
    }
    return issue(CertificateProfile.CLIENT, commonName, names, type, validity);
  }

  private CertifiedKey issue(CertificateProfile profile, String commonName, List<String> names,
      KeyType type, Duration validity) {
    KeyPair pair = type.generate();
    X509Certificate certificate = signed(profile, Names.commonName(commonName), pair.getPublic(),
        names, validity);
    return new CertifiedKey(pair.getPrivate(), List.of(certificate, certificate()));
  }

  /**
   * Signs a CSR made elsewhere (the README's {@code device.csr} flow): the subject and the DNS
   * names it asks for, usable for server and client authentication.
   *
   * @throws IllegalArgumentException when the CSR's signature does not verify
   */
  public X509Certificate sign(PKCS10CertificationRequest csr, Duration validity) {
    PublicKey key;
    try {
      key = new JcaPEMKeyConverter().getPublicKey(csr.getSubjectPublicKeyInfo());
      // From the converted key, not the key info: the JDK finds no KeyFactory by an EC key's OID.
      boolean valid = csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
      if (!valid) {
        throw new IllegalArgumentException("the CSR's signature does not verify: it was altered"
            + " or not signed with the key it carries");
      }
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalArgumentException("the CSR cannot be verified: " + e.getMessage(), e);
    }
    checkKey(key, csr.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId());
    return signed(CertificateProfile.SERVER, csr.getSubject(), key, requestedNames(csr), validity);
  }

  /**
   * Refuses the keys a TLS peer should not trust a certificate for: RSA under 2048 bits, and
   * types Postfix's OpenSSL does not offer for a client certificate (DSA, Ed448, other curves).
   */
  private static void checkKey(PublicKey key, String algorithmOid) {
    if (key instanceof java.security.interfaces.RSAPublicKey rsa) {
      int bits = rsa.getModulus().bitLength();
      if (bits < 2048) {
        throw new IllegalArgumentException("the CSR's key is RSA with " + bits + " bits; a"
            + " certificate is issued for 2048 bits or more");
      }
      return;
    }
    if (key instanceof java.security.interfaces.ECPublicKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      if (bits != 256 && bits != 384) {
        throw new IllegalArgumentException("the CSR's key is on a " + bits + "-bit curve; a"
            + " certificate is issued for P-256 or P-384");
      }
      return;
    }
    // The provider names both Edwards curves EdDSA: the key's object identifier tells them apart.
    if (algorithmOid.equals(ED25519_OID)) {
      return;
    }
    String type = algorithmOid.equals(ED448_OID) ? "Ed448" : key.getAlgorithm();
    throw new IllegalArgumentException("the CSR's key is " + type + "; a"
        + " certificate is issued for RSA (2048 bits or more), ECDSA P-256 or P-384, or Ed25519");
  }

  private static final String ED25519_OID = "1.3.101.112";
  private static final String ED448_OID = "1.3.101.113";

  private static List<String> requestedNames(PKCS10CertificationRequest csr) {
    List<String> names = new ArrayList<>();
    for (var attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
      Extensions extensions = Extensions.getInstance(attribute.getAttrValues().getObjectAt(0));
      GeneralNames alternatives = GeneralNames.fromExtensions(extensions,
          Extension.subjectAlternativeName);
      if (alternatives == null) {
        continue;
      }
      for (GeneralName name : alternatives.getNames()) {
        if (name.getTagNo() == GeneralName.dNSName) {
          names.add(name.getName().toString());
        }
      }
    }
    return names;
  }

  private X509Certificate signed(CertificateProfile profile, X500Name subject, PublicKey key,
      List<String> names, Duration validity) {
    if (validity.compareTo(Duration.ofDays(1)) < 0) {
      throw new IllegalArgumentException("a certificate valid for " + validity.toDays() + " days"
          + " would expire at once or has expired already; issue it for a day or more");
    }
    Instant caEnd = certificate().getNotAfter().toInstant();
    Instant end = clock.instant().plus(validity);
    if (end.isAfter(caEnd)) {
      throw new IllegalArgumentException("a certificate valid for " + validity.toDays()
          + " days would outlive the CA, which expires on " + caEnd
          + "; issue it for a shorter time or make a new CA");
    }
    try {
      X500Name issuer = new JcaX509CertificateHolder(certificate()).getSubject();
      return profile.sign(subject, key, names, issuer, root.key(), Optional.of(certificate()),
          validity, clock);
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException("the CA certificate cannot be encoded", e);
    }
  }

  PrivateKey key() {
    return root.key();
  }
}
