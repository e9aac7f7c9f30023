package dev.mailgateway.dkim;

/**
 * A DKIM selector: DNS labels separated by dots (RFC 6376 3.1), the name under {@code
 * _domainkey} and the file name of its key, so nothing else may pass: no empty one, no line
 * break, no {@code ../}.
 */
public final class Selector {

  private Selector() { }

  /**
   * The selector, checked.
   *
   * @throws IllegalArgumentException saying what a selector is, with the text shown printable
   */
  public static String check(String selector) {
    if (!isValid(selector)) {
      String shown = selector.length() > 60 ? selector.substring(0, 60) + "..." : selector;
      throw new IllegalArgumentException("'" + shown.replace("\n", "\\n").replace("\r", "\\r")
          + "' is not a selector: DNS labels of letters, digits and hyphens, separated by dots");
    }
    return selector;
  }

  /** Whether the text is a selector: DNS labels separated by dots, 253 characters at most. */
  public static boolean isValid(String selector) {
    // A selector has the grammar of a domain name (RFC 6376 3.1: sub-domain *("." sub-domain)).
    return DomainName.isValid(selector);
  }
}
