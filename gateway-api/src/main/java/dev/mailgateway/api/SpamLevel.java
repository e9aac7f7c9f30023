package dev.mailgateway.api;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A SpamAssassin score level of Amavis ({@code sa_tag_level_deflt} and the like): a number, or
 * {@code undef}, which for the tag level means "always" and for the others "never".
 *
 * @param score the score, empty for {@code undef}
 */
public record SpamLevel(Optional<BigDecimal> score) {

  /** {@code undef}. */
  public static final SpamLevel UNDEFINED = new SpamLevel(Optional.empty());

  /**
   * Parses a number ({@code 5}, {@code -1.5}, {@code 6.31}) or {@code undef}.
   *
   * @throws IllegalArgumentException with a message that says what is wrong
   */
  public static SpamLevel parse(String text) {
    String trimmed = text.strip();
    if (trimmed.equals("undef")) {
      return UNDEFINED;
    }
    if (!trimmed.matches("-?\\d{1,4}(\\.\\d{1,4})?")) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a spam level: a number such as 6.31, or undef");
    }
    return of(new BigDecimal(trimmed));
  }

  /** A defined level. */
  public static SpamLevel of(BigDecimal score) {
    return new SpamLevel(Optional.of(score));
  }

  /** A defined level. */
  public static SpamLevel of(double score) {
    return of(BigDecimal.valueOf(score).stripTrailingZeros());
  }

  /** The Amavis (Perl) form: the number, or {@code undef}. */
  @Override
  public String toString() {
    return score.map(BigDecimal::toPlainString).orElse("undef");
  }
}
