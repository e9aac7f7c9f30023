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

  /** A local part that needs no quotes (RFC 5321 Dot-string). */
  private static final java.util.regex.Pattern DOT_ATOM = java.util.regex.Pattern.compile(
      "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

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
    boolean quote = !DOT_ATOM.matcher(localPart).matches();
    String local = quote ? "\"" + localPart.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : localPart;
    return local + "@" + domain;
  }
}
