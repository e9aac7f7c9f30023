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

  /** RFC 5321's Dot-string, with the UTF-8 of RFC 6531 (SMTPUTF8 is offered). */
  private static final Pattern DOT_STRING = Pattern.compile(
      "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\u0080-\\uFFFF-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\u0080-\\uFFFF-]+)*");
  /** Domain labels, A-labels or RFC 6531's U-labels. */
  private static final Pattern DOMAIN = Pattern.compile(
      "[A-Za-z0-9\\u0080-\\uFFFF]([A-Za-z0-9\\u0080-\\uFFFF-]{0,61}[A-Za-z0-9\\u0080-\\uFFFF])?"
          + "(\\.[A-Za-z0-9\\u0080-\\uFFFF]([A-Za-z0-9\\u0080-\\uFFFF-]{0,61}[A-Za-z0-9\\u0080-\\uFFFF])?)*\\.?");
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
        if (!hop.startsWith("@") || !DOMAIN.matcher(hop.substring(1)).matches()) {
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
      if (!DOT_STRING.matcher(local).matches()) {
        throw new SmtpSyntaxException("'" + local + "' is not a valid local part");
      }
    }
    if (!rest.startsWith("@")) {
      throw new SmtpSyntaxException("the address needs a domain after the local part");
    }
    String domain = rest.substring(1);
    if (ADDRESS_LITERAL.matcher(domain).matches()) {
      try {
        literalAddress(domain);
      } catch (IllegalArgumentException e) {
        throw new SmtpSyntaxException("'" + domain + "' is not an address literal");
      }
      return Optional.of(new Mailbox(local, domain));
    }
    if (!DOMAIN.matcher(domain).matches() || domain.length() > 254) {
      throw new SmtpSyntaxException("'" + domain + "' is not a valid domain");
    }
    String lower = domain.toLowerCase(Locale.ROOT);
    return Optional.of(new Mailbox(local, lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower));
  }
}
