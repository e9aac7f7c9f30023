package dev.mailgateway.api;

import java.util.Locale;

/** The key algorithm of DKIM signatures. */
public enum DkimAlgorithm {
  /** rsa-sha256 (RFC 6376). */
  RSA("rsa"),
  /** ed25519-sha256 (RFC 8463). */
  ED25519("ed25519");

  private final String tag;

  DkimAlgorithm(String tag) {
    this.tag = tag;
  }

  /**
   * Parses {@code rsa} or {@code ed25519}.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static DkimAlgorithm parse(String text) {
    String name = text.strip().toLowerCase(Locale.ROOT);
    for (DkimAlgorithm algorithm : values()) {
      if (algorithm.tag.equals(name)) {
        return algorithm;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not a DKIM key algorithm (rsa or ed25519)");
  }

  /** The key type as the DNS record's {@code k=} tag writes it. */
  public String tag() {
    return tag;
  }

  @Override
  public String toString() {
    return tag;
  }
}
