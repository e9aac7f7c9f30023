package dev.mailgateway.api;

import java.util.HexFormat;
import java.util.Locale;

/**
 * A certificate or public-key fingerprint as Postfix's {@code relay_clientcerts} lists it:
 * SHA-1 (20 bytes) or SHA-256 (32 bytes), written {@code AA:BB:...} like {@code openssl x509
 * -noout -fingerprint}. Input may be lower case and may leave out the colons.
 */
public final class Fingerprint {

  /** The digest a fingerprint was made with; Postfix's {@code smtpd_tls_fingerprint_digest}. */
  public enum Digest {
    /** 20 bytes; Postfix's default before 3.6. */
    SHA1("sha1", 20),
    /** 32 bytes; Postfix's default from 3.6. */
    SHA256("sha256", 32);

    private final String postfixName;
    private final int length;

    Digest(String postfixName, int length) {
      this.postfixName = postfixName;
      this.length = length;
    }

    /** The value of {@code smtpd_tls_fingerprint_digest}. */
    public String postfixName() {
      return postfixName;
    }

    /** The digest's length in bytes. */
    public int length() {
      return length;
    }
  }

  private static final HexFormat COLONS = HexFormat.ofDelimiter(":").withUpperCase();

  private final byte[] bytes;

  private Fingerprint(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Parses {@code AA:BB:...} (or the same hex digits without colons).
   *
   * @throws IllegalArgumentException with a message that says what is wrong
   */
  public static Fingerprint parse(String text) {
    String trimmed = text.strip();
    String hex = trimmed.replace(":", "").toLowerCase(Locale.ROOT);
    String invalid = "'" + trimmed + "' is not a SHA-1 or SHA-256 fingerprint (AA:BB:...)";
    if (!Ascii.allHexDigits(hex)) {
      throw new IllegalArgumentException(invalid + ": only hex digits and colons are allowed");
    }
    if (trimmed.contains(":") && !trimmed.matches("(?i)[0-9a-f]{2}(:[0-9a-f]{2})*")) {
      throw new IllegalArgumentException(invalid + ": colons must separate pairs of hex digits");
    }
    if (hex.length() != 40 && hex.length() != 64) {
      throw new IllegalArgumentException(
          invalid + ": it has " + hex.length() / 2 + " bytes; SHA-1 has 20 and SHA-256 has 32");
    }
    return new Fingerprint(HexFormat.of().parseHex(hex));
  }

  /** A fingerprint of a digest's bytes. */
  public static Fingerprint of(byte[] digest) {
    if (digest.length != 20 && digest.length != 32) {
      throw new IllegalArgumentException("a fingerprint has 20 or 32 bytes, not " + digest.length);
    }
    return new Fingerprint(digest.clone());
  }

  /** Which digest made it, told by its length. */
  public Digest digest() {
    return bytes.length == 20 ? Digest.SHA1 : Digest.SHA256;
  }

  /** The digest's bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Fingerprint that && java.util.Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(bytes);
  }

  /** {@code AA:BB:...}, upper case, as Postfix looks it up. */
  @Override
  public String toString() {
    return COLONS.formatHex(bytes);
  }
}
