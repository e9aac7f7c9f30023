package dev.mailgateway.api;

import java.util.Objects;

/**
 * A client certificate allowed to relay: one line of Postfix's {@code relay_clientcerts}.
 *
 * @param fingerprint the certificate's or public key's fingerprint
 * @param label a name for the client, written after the fingerprint (Postfix ignores it)
 */
public record ClientFingerprint(Fingerprint fingerprint, String label) {

  /** Checks that the label fits on the table's line. */
  public ClientFingerprint {
    Objects.requireNonNull(fingerprint, "fingerprint");
    if (label.isBlank() || label.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "the label '" + label + "' must be one word without white space, such as the node's name");
    }
  }

  /** The table line: fingerprint and label. */
  @Override
  public String toString() {
    return fingerprint + " " + label;
  }
}
