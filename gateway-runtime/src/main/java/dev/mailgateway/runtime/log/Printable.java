package dev.mailgateway.runtime.log;

/**
 * Makes what a client sent safe to put in a log line, as Postfix does: every control character
 * (a CR, a NUL, an escape that would steer a terminal, the C1 controls) becomes {@code ?}, so
 * that one event is one line and a log viewer shows only what is there.
 */
final class Printable {

  private Printable() {}

  /** Appends text with its control characters replaced. */
  static void append(StringBuilder out, CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(c < 0x20 || (c >= 0x7f && c <= 0x9f) ? '?' : c);
    }
  }
}
