package dev.mailgateway.runtime.receive;

import java.util.Locale;

/**
 * A recipient or sender mailbox of an SMTP path (RFC 5321 section 4.1.2): a local part and a
 * domain, or an address literal such as {@code [192.0.2.1]}.
 *
 * @param localPart the local part, unquoted
 * @param domain the domain in lower case without a trailing dot, or an address literal in brackets
 */
public record Mailbox(String localPart, String domain) {

  /** The characters of RFC 5322's atext besides letters and digits. */
  private static final String ATEXT_SYMBOLS = "!#$%&'*+/=?^_`{|}~-";

  /** Whether the domain is an address literal ({@code [192.0.2.1]}, {@code [IPv6:...]}). */
  public boolean isAddressLiteral() {
    return domain.startsWith("[");
  }

  /**
   * Whether the local part carries sender-specified routing ({@code @}, {@code %} or {@code !}):
   * the classic ways to make a gateway relay to a domain hidden in the local part.
   */
  public boolean hasRoutingInLocalPart() {
    return localPart.indexOf('@') >= 0 || localPart.indexOf('%') >= 0
        || localPart.indexOf('!') >= 0;
  }

  /** Whether the domain is this domain or one of its subdomains. */
  public boolean isWithin(String parent) {
    return within(domain, parent);
  }

  /** Whether a lower-case domain is {@code parent} or one of its subdomains. */
  static boolean within(String domain, String parent) {
    String lower = parent.toLowerCase(Locale.ROOT);
    return domain.equals(lower) || domain.endsWith("." + lower);
  }

  @Override
  public String toString() {
    // RFC 5321's Dot-string needs no quotes: a loop rather than a regular expression, whose
    // matcher each address written to the log, the queue and the next hop allocated.
    boolean quote = !isDotString(localPart, false);
    String local = quote ? "\"" + localPart.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : localPart;
    return local + "@" + domain;
  }

  /**
   * Whether text is RFC 5321's Dot-string, runs of atext separated by single dots; with {@code
   * utf8} also of code points from U+0080 to U+FFFF (RFC 6531, SMTPUTF8).
   */
  static boolean isDotString(String text, boolean utf8) {
    boolean afterDot = true;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c == '.') {
        if (afterDot) {
          return false;
        }
        afterDot = true;
      } else if (isAtext(c) || utf8 && c >= 0x80 && c <= 0xFFFF) {
        afterDot = false;
      } else {
        return false;
      }
    }
    return !afterDot;
  }

  private static boolean isAtext(int c) {
    return c < 128 && (Character.isLetterOrDigit(c) || ATEXT_SYMBOLS.indexOf(c) >= 0);
  }
}
