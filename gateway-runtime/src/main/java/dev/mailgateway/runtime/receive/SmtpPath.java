package dev.mailgateway.runtime.receive;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Strict parsing of the path of {@code MAIL FROM:} and {@code RCPT TO:} (RFC 5321 section
 * 4.1.2): {@code <local@domain>}, with a quoted local part if need be, a domain or an address
 * literal. A source route ({@code <@relay:local@domain>}) is accepted and ignored, as RFC 5321
 * asks. Anything else is a syntax error: no second {@code @}, no bare address without brackets.
 */
public final class SmtpPath {

  private static final Pattern ADDRESS_LITERAL =
      Pattern.compile("\\[(\\d{1,3}(\\.\\d{1,3}){3}|IPv6:[0-9A-Fa-f:.]+)\\]");

  private SmtpPath() {}

  /**
   * The address of a literal such as {@code [192.0.2.1]} or {@code [IPv6:2001:db8::1]}, parsed
   * strictly: never handed to a resolver, which would look a malformed one up in DNS.
   */
  static dev.mailgateway.api.Cidr literalAddress(String literal) {
    String inner = literal.substring(1, literal.length() - 1);
    if (inner.regionMatches(true, 0, "IPv6:", 0, 5)) {
      inner = inner.substring(5);
    }
    return dev.mailgateway.api.Cidr.parse(inner);
  }

  /** The mailbox of a path, or empty for the null path {@code <>} (a bounce's sender). */
  public static Optional<Mailbox> parse(String path) {
    if (!path.startsWith("<") || !path.endsWith(">")) {
      throw new SmtpSyntaxException("the address must be in angle brackets: <user@example.com>");
    }
    String inner = path.substring(1, path.length() - 1);
    if (inner.isEmpty()) {
      return Optional.empty();
    }
    if (inner.startsWith("@")) {
      int colon = inner.indexOf(':');
      if (colon < 0) {
        throw new SmtpSyntaxException("a source route must end with ':'");
      }
      for (String hop : inner.substring(0, colon).split(",", -1)) {
        if (!hop.startsWith("@") || !isDomain(hop.substring(1))) {
          throw new SmtpSyntaxException("'" + hop + "' is not a source route hop");
        }
      }
      inner = inner.substring(colon + 1);
    }
    String local;
    String rest;
    if (inner.startsWith("\"")) {
      StringBuilder unquoted = new StringBuilder();
      int i = 1;
      for (; i < inner.length() && inner.charAt(i) != '"'; i++) {
        char c = inner.charAt(i);
        if (c == '\\' && i + 1 < inner.length()) {
          c = inner.charAt(++i);
        }
        if (c < 32 || c == 127) {
          throw new SmtpSyntaxException("a control character in the quoted local part");
        }
        unquoted.append(c);
      }
      if (i >= inner.length()) {
        throw new SmtpSyntaxException("an unterminated quoted local part");
      }
      local = unquoted.toString();
      rest = inner.substring(i + 1);
    } else {
      int at = inner.indexOf('@');
      if (at < 0) {
        throw new SmtpSyntaxException("the address needs a domain: user@example.com");
      }
      local = inner.substring(0, at);
      rest = inner.substring(at);
      // RFC 5321's Dot-string, with the UTF-8 of RFC 6531 (SMTPUTF8 is offered).
      if (!Mailbox.isDotString(local, true)) {
        throw new SmtpSyntaxException("'" + local + "' is not a valid local part");
      }
    }
    if (!rest.startsWith("@")) {
      throw new SmtpSyntaxException("the address needs a domain after the local part");
    }
    String domain = rest.substring(1);
    if (domain.startsWith("[") && ADDRESS_LITERAL.matcher(domain).matches()) {
      try {
        literalAddress(domain);
      } catch (IllegalArgumentException e) {
        throw new SmtpSyntaxException("'" + domain + "' is not an address literal");
      }
      return Optional.of(new Mailbox(local, domain));
    }
    if (!isDomain(domain) || domain.length() > 254) {
      throw new SmtpSyntaxException("'" + domain + "' is not a valid domain");
    }
    String lower = domain.toLowerCase(Locale.ROOT);
    return Optional.of(new Mailbox(local, lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower));
  }

  /**
   * Whether text is a domain: labels of up to 63 letters, digits, hyphens (not first or last) and
   * RFC 6531's U-labels' code points (U+0080 to U+FFFF), separated by dots, with an optional
   * trailing dot. A loop rather than a regular expression, whose matcher every MAIL and RCPT
   * allocated.
   */
  static boolean isDomain(String text) {
    int end = text.endsWith(".") ? text.length() - 1 : text.length();
    int label = 0;
    int previous = '.';
    for (int i = 0; i < end; ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c == '.') {
        if (label == 0 || previous == '-') {
          return false;
        }
        label = 0;
      } else if (c < 128 && Character.isLetterOrDigit(c) || c >= 0x80 && c <= 0xFFFF
          || c == '-' && label > 0) {
        if (++label > 63) {
          return false;
        }
      } else {
        return false;
      }
      previous = c;
    }
    return label > 0 && previous != '-';
  }
}
