package dev.mailgateway.api;

/**
 * ASCII character classes. Java's own ({@code Character.isDigit}, {@code Character.digit},
 * {@code toLowerCase}) take fullwidth digits and fold the Kelvin sign into "k"; Postfix, DNS and
 * the image's shell scripts know ASCII only, so an input that is not is refused, not folded.
 */
final class Ascii {

  private Ascii() { }

  static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  static boolean isHexDigit(int c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  static boolean isAscii(String text) {
    return text.chars().allMatch(c -> c < 128);
  }
}
