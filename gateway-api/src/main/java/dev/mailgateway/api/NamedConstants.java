package dev.mailgateway.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Parsing of the constants the policy names by a word of their own (a destiny, a TLS level):
 * case and surrounding blanks do not matter, and an unknown word gets an error that lists the
 * words there are.
 */
final class NamedConstants {

  private NamedConstants() {}

  /**
   * The constant the text names.
   *
   * @param matches whether a constant answers to the text, lower-cased and stripped
   * @param name the word shown for each constant in the error
   * @param kind what the constants are, for the error: "a destiny; there are"
   * @throws IllegalArgumentException naming the constants there are
   */
  static <E extends Enum<E>> E parse(String text, E[] constants, BiPredicate<E, String> matches,
      Function<E, String> name, String kind) {
    String word = text.strip().toLowerCase(Locale.ROOT);
    for (E constant : constants) {
      if (matches.test(constant, word)) {
        return constant;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not " + kind + " "
        + Arrays.stream(constants).map(name).collect(Collectors.joining(", ")));
  }
}
