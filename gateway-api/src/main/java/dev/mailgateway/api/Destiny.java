package dev.mailgateway.api;

/**
 * What happens to a message found to be spam (at the kill level) or infected: Amavis's {@code
 * $final_spam_destiny} and {@code $final_virus_destiny}.
 */
public enum Destiny {
  /** Delivered, tagged: {@code D_PASS}. */
  PASS("pass", "D_PASS"),
  /**
   * Refused at the end of DATA with {@code 554 5.7.1}, before it is queued, so nobody gets a
   * bounce: {@code D_REJECT}.
   */
  REJECT("reject", "D_REJECT"),
  /** Accepted and dropped, with no copy kept: {@code D_DISCARD}. */
  DISCARD("discard", "D_DISCARD"),
  /** Accepted, dropped, and a copy kept in the quarantine folder: {@code D_DISCARD} with a quarantine. */
  QUARANTINE("quarantine", "D_DISCARD");

  private final String policyName;
  private final String amavisName;

  Destiny(String policyName, String amavisName) {
    this.policyName = policyName;
    this.amavisName = amavisName;
  }

  /**
   * Parses the policy's name of a destiny ({@code pass}, {@code reject}, {@code discard}, {@code
   * quarantine}); Amavis's own {@code D_PASS}, {@code D_REJECT} and {@code D_DISCARD} are
   * accepted too.
   *
   * @throws IllegalArgumentException naming the destinies there are
   */
  public static Destiny parse(String text) {
    return NamedConstants.parse(text, values(),
        (d, word) -> d.policyName.equals(word) || d.amavisName.equalsIgnoreCase(word),
        d -> d.policyName, "a destiny; there are");
  }

  /** The policy's name of the destiny. */
  public String policyName() {
    return policyName;
  }

  /** Amavis's constant for the destiny. */
  public String amavisName() {
    return amavisName;
  }

  @Override
  public String toString() {
    return policyName;
  }
}
