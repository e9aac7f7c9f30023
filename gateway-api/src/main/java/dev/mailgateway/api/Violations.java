package dev.mailgateway.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Collects the violations of one build, so that all are reported at once. */
final class Violations {

  private final List<Violation> found = new ArrayList<>();

  /** Parses a raw value, recording the parser's complaint under the path when it fails. */
  <T> Optional<T> parse(String path, String raw, Function<String, T> parser) {
    try {
      return Optional.of(parser.apply(raw));
    } catch (IllegalArgumentException e) {
      add(path, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Parses one element of a list, recording a complaint under {@code list[index]}: the path is
   * made only for a complaint, so that a valid policy builds none.
   */
  <T> Optional<T> parse(String list, int index, String raw, Function<String, T> parser) {
    try {
      return Optional.of(parser.apply(raw));
    } catch (IllegalArgumentException e) {
      add(list + "[" + index + "]", e.getMessage());
      return Optional.empty();
    }
  }

  void add(String path, String message) {
    found.add(new Violation(path, message));
  }

  void addAll(List<Violation> violations) {
    found.addAll(violations);
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  /** Throws every violation found, if there is any. */
  void throwIfAny() {
    if (!found.isEmpty()) {
      throw new PolicyException(found);
    }
  }
}
