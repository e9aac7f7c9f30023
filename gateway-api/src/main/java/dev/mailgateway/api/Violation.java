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

  /** Checks that both parts are present. */
  public Violation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
