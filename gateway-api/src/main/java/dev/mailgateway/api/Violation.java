package dev.mailgateway.api;

import java.util.Objects;

/**
 * One thing wrong (or worth a warning) in a policy or one of its sources.
 *
 * @param path where it is: a policy path such as {@code tls.inbound.fingerprints[2]}, an
 *     environment variable name, or {@code file:line}
 * @param message what is wrong, in words a user can act on
 */
public record Violation(String path, String message) {

  /** The longest message kept whole: a bad value quoted in it is shortened, not echoed whole. */
  static final int MAX_MESSAGE = 1000;

  /**
   * Checks that both parts are present, and shortens a message that quotes a huge value (a
   * 10 MB banner, say) to its beginning and end.
   */
  public Violation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    path = shortened(path);
    message = shortened(message);
  }

  private static String shortened(String text) {
    if (text.length() <= MAX_MESSAGE) {
      return text;
    }
    int left = text.length() - 700 - 200;
    return text.substring(0, 700) + " [... " + left + " characters left out ...] "
        + text.substring(text.length() - 200);
  }

  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
