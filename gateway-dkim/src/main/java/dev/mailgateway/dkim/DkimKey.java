package dev.mailgateway.dkim;

import dev.mailgateway.api.DkimAlgorithm;
import dev.mailgateway.tls.Pem;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * A DKIM signing key: its algorithm and both halves. RSA keys have 2048 bits or more unless weak
 * keys are explicitly allowed (RFC 8301 forbids fewer than 1024); Ed25519 keys follow RFC 8463.
 *
 * @param algorithm rsa or ed25519
 * @param privateKey the private half
 * @param publicKey the public half
 */
public record DkimKey(DkimAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey) {

  /** The smallest RSA key generated unless weak keys are allowed. */
  public static final int MINIMUM_RSA_BITS = 2048;

  /** Checks the parts. */
  public DkimKey {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(publicKey, "publicKey");
  }

  /**
   * Generates a key.
   *
   * @param bits the RSA key size: 2048, 3072 or 4096 (1024 only with {@code allowWeak});
   *     ignored for Ed25519
   * @throws IllegalArgumentException for a size we do not generate
   */
  public static DkimKey generate(DkimAlgorithm algorithm, int bits, boolean allowWeak) {
    try {
      if (algorithm == DkimAlgorithm.ED25519) {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        return new DkimKey(algorithm, pair.getPrivate(), pair.getPublic());
      }
      boolean allowed = bits == 2048 || bits == 3072 || bits == 4096 || (allowWeak && bits == 1024);
      if (!allowed) {
        throw new IllegalArgumentException(bits == 1024
            ? "1024-bit RSA keys are weak; allow them explicitly if a DNS provider needs them"
            : bits + " bits is not an RSA key size we generate: 2048, 3072 or 4096");
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      KeyPair pair = generator.generateKeyPair();
      return new DkimKey(algorithm, pair.getPrivate(), pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate " + algorithm + " keys", e);
    }
  }

  /** Generates a key of the default size: RSA 2048, or Ed25519. */
  public static DkimKey generate(DkimAlgorithm algorithm) {
    return generate(algorithm, MINIMUM_RSA_BITS, false);
  }

  /**
   * Reads a private key file as {@code opendkim-genkey} writes it (PEM, PKCS#1 or PKCS#8) and
   * derives the public half.
   *
   * @throws IllegalArgumentException naming the file when it holds no usable key
   */
  public static DkimKey read(Path file) {
    return read(file, false);
  }

  /**
   * Reads a private key file, allowing a 1024-bit RSA key if asked to (a DNS provider whose TXT
   * records cannot hold a longer one, or a key the image's opendkim-genkey made).
   *
   * @throws IllegalArgumentException naming the file when it holds no usable key: none, one of
   *     another type, an RSA key under 1024 bits (RFC 8301 forbids them) or under 2048 unless
   *     allowed
   */
  public static DkimKey read(Path file, boolean allowWeak) {
    DkimKey key = of(Pem.readPrivateKey(file), file.toString());
    if (key.privateKey() instanceof RSAPrivateCrtKey rsa) {
      int bits = rsa.getModulus().bitLength();
      if (bits < 1024) {
        throw new IllegalArgumentException(file + ": a " + bits + "-bit RSA key cannot sign DKIM:"
            + " verifiers refuse keys under 1024 bits (RFC 8301)");
      }
      if (bits < MINIMUM_RSA_BITS && !allowWeak) {
        throw new IllegalArgumentException(file + ": a " + bits + "-bit RSA key is weak; use"
            + " 2048 bits or more, or allow weak keys explicitly");
      }
    }
    return key;
  }

  static DkimKey of(PrivateKey key, String source) {
    try {
      if (key instanceof RSAPrivateCrtKey rsa) {
        PublicKey publicKey = KeyFactory.getInstance("RSA")
            .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        return new DkimKey(DkimAlgorithm.RSA, key, publicKey);
      }
      if (key instanceof EdECPrivateKey ed && ed.getParams().getName().equalsIgnoreCase("Ed25519")) {
        byte[] seed = ed.getBytes().orElseThrow(() ->
            new IllegalArgumentException(source + ": the Ed25519 key has no exportable bytes"));
        byte[] raw = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
        return new DkimKey(DkimAlgorithm.ED25519, key, ed25519PublicKey(raw));
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(source + ": cannot derive the public key: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(source + ": a " + key.getAlgorithm()
        + " key cannot sign DKIM; use rsa or ed25519");
  }

  /** An Ed25519 public key from its 32 raw bytes, as a DKIM record's {@code p=} holds them. */
  static PublicKey ed25519PublicKey(byte[] raw) throws GeneralSecurityException {
    if (raw.length != 32) {
      throw new GeneralSecurityException("an Ed25519 public key has 32 bytes, not " + raw.length);
    }
    try {
      byte[] spki = new SubjectPublicKeyInfo(
          new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), raw).getEncoded();
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException("cannot encode the Ed25519 key", e);
    }
  }

  /** Writes the private key as PKCS#8 PEM, owner-only. */
  public void write(Path file) {
    Pem.writePrivateKey(file, privateKey);
  }

  /**
   * The public key as a DNS record's {@code p=} carries it: the DER subjectPublicKeyInfo for
   * RSA, the 32 raw bytes for Ed25519 (RFC 8463).
   */
  public byte[] publicKeyData() {
    byte[] encoded = publicKey.getEncoded();
    if (algorithm == DkimAlgorithm.ED25519) {
      return SubjectPublicKeyInfo.getInstance(encoded).getPublicKeyData().getBytes();
    }
    return encoded;
  }

  /** The RSA key size in bits; 256 for Ed25519. */
  public int bits() {
    if (publicKey instanceof RSAKey rsa) {
      return rsa.getModulus().bitLength();
    }
    return 256;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DkimKey that && algorithm == that.algorithm
        && Arrays.equals(privateKey.getEncoded(), that.privateKey.getEncoded());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(publicKey.getEncoded());
  }

  /** Never the key material: a key's string form may end up in a log. */
  @Override
  public String toString() {
    return "DkimKey[" + algorithm + ", " + bits() + " bits, public " + new BigInteger(1,
        Arrays.copyOf(publicKeyData(), 6)).toString(16) + "...]";
  }
}
