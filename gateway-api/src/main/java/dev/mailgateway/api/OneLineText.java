package dev.mailgateway.api;

import java.util.Optional;

/**
 * What a value written on one line of a configuration file must not hold. Line breaks as Unicode
 * has them: Postfix ends a line at LF only and reads on past U+0085, U+2028 and U+2029, but an
 * editor shows a new line at each, so the file would not read as it acts. And control
 * characters, which no parameter value, file name or label means.
 */
final class OneLineText {

  private OneLineText() {}

  static boolean hasLineBreak(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isLineBreak(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first control character other than a tab, as {@code U+001B}; line breaks and NUL are
   * left to their own, more telling, messages.
   */
  static Optional<String> control(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\0' && !isLineBreak(c)) {
        return Optional.of(number(c));
      }
    }
    return Optional.empty();
  }

  /** A character as an operator can find it: {@code U+00E9 'é'}, a control by its number only. */
  static String describe(int codePoint) {
    return Character.getType(codePoint) == Character.CONTROL
        ? number(codePoint) + " (a control character)"
        : number(codePoint) + " '" + new String(Character.toChars(codePoint)) + "'";
  }

  private static String number(int codePoint) {
    return String.format("U+%04X", codePoint);
  }

  static boolean isLineBreak(char c) {
    return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }
}
