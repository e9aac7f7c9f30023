package dev.mailgateway.tls;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;

/** The key pairs certificates are made for. */
public enum KeyType {
  /** RSA, 2048 bits: the default. */
  RSA_2048("rsa2048"),
  /** RSA, 3072 bits. */
  RSA_3072("rsa3072"),
  /** RSA, 4096 bits. */
  RSA_4096("rsa4096"),
  /** ECDSA on NIST P-256. */
  EC_P256("ec256");

  private final String cliName;

  KeyType(String cliName) {
    this.cliName = cliName;
  }

  /**
   * Parses {@code rsa2048}, {@code rsa3072}, {@code rsa4096} or {@code ec256}.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static KeyType parse(String text) {
    String name = text.strip().toLowerCase(Locale.ROOT);
    for (KeyType type : values()) {
      if (type.cliName.equals(name)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a key type: rsa2048, rsa3072, rsa4096 or ec256");
  }

  /** Generates a fresh key pair. */
  public KeyPair generate() {
    try {
      if (this == EC_P256) {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(Integer.parseInt(cliName.substring(3)));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate " + this + " keys", e);
    }
  }

  /** The signature algorithm a key of this kind signs certificates with. */
  static String signatureAlgorithm(PrivateKey key) {
    return switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC", "ECDSA" -> "SHA256withECDSA";
      case "Ed25519" -> "Ed25519";
      default -> throw new IllegalArgumentException(
          "cannot sign certificates with a " + key.getAlgorithm() + " key");
    };
  }

  @Override
  public String toString() {
    return cliName;
  }
}
