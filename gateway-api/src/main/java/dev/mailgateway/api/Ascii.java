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

  /** A printable character or the space: RFC 5321's and RFC 5322's text without the tab. */
  static boolean isPrintable(int c) {
    return c >= ' ' && c <= '~';
  }

  static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }

  /** Whether the text is digits only (and true when empty). */
  static boolean allDigits(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (!isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether the text is hexadecimal digits only (and true when empty). */
  static boolean allHexDigits(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (!isHexDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
