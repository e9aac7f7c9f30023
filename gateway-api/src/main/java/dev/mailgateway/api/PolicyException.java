package dev.mailgateway.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A policy, or an input it is made from, is invalid. Carries every violation found, not only the
 * first, each with the path of what is wrong.
 */
public final class PolicyException extends RuntimeException {

  private final List<Violation> violations;

  /**
   * Creates the exception.
   *
   * @param violations every violation found; not empty
   */
  public PolicyException(List<Violation> violations) {
    super(describe(violations));
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a PolicyException needs at least one violation");
    }
    this.violations = List.copyOf(violations);
  }

  /** Every violation, in the order found. */
  public List<Violation> violations() {
    return violations;
  }

  private static String describe(List<Violation> violations) {
    String noun = violations.size() == 1 ? "violation" : "violations";
    return violations.size() + " policy " + noun + ":\n"
        + violations.stream().map(v -> "  " + v).collect(Collectors.joining("\n"));
  }
}
