package dev.mailgateway.api;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Postfix time value: a whole number with an optional unit, {@code s}, {@code m}, {@code h},
 * {@code d} or {@code w}. A bare number takes the parameter's default unit, which is days for
 * the queue lifetimes.
 *
 * @param amount the number, zero or more
 * @param unit the unit letter
 */
public record PostfixDuration(long amount, char unit) {

  private static final Pattern SYNTAX = Pattern.compile("(\\d{1,9})([smhdw]?)");

  /** Checks the parts. */
  public PostfixDuration {
    if (amount < 0) {
      throw new IllegalArgumentException("a duration must not be negative");
    }
    if ("smhdw".indexOf(unit) < 0) {
      throw new IllegalArgumentException("unknown time unit '" + unit + "' (s, m, h, d or w)");
    }
  }

  /**
   * Parses a Postfix time value.
   *
   * @param defaultUnit the unit of a bare number
   * @throws IllegalArgumentException with a message that says what is wrong
   */
  public static PostfixDuration parse(String text, char defaultUnit) {
    Matcher m = SYNTAX.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a Postfix time value: a whole number with an optional unit"
              + " s, m, h, d or w (5d, 12h)");
    }
    char unit = m.group(2).isEmpty() ? defaultUnit : m.group(2).charAt(0);
    return new PostfixDuration(Long.parseLong(m.group(1)), unit);
  }

  /** Parses a queue lifetime, where a bare number means days. */
  public static PostfixDuration parseDays(String text) {
    return parse(text, 'd');
  }

  /** The same span as a {@link Duration}. */
  public Duration toDuration() {
    return switch (unit) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      case 'd' -> Duration.ofDays(amount);
      default -> Duration.ofDays(7 * amount);
    };
  }

  /** The Postfix form, with its unit always written: {@code 5d}. */
  @Override
  public String toString() {
    return amount + String.valueOf(unit);
  }
}
