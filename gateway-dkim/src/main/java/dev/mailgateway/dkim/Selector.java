package dev.mailgateway.dkim;

import java.util.regex.Pattern;

/**
 * A DKIM selector: DNS labels separated by dots (RFC 6376 3.1), the name under {@code
 * _domainkey} and the file name of its key, so nothing else may pass: no empty one, no line
 * break, no {@code ../}.
 */
public final class Selector {

  private static final Pattern LABELS = Pattern.compile(
      "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

  private Selector() { }

  /**
   * The selector, checked.
   *
   * @throws IllegalArgumentException saying what a selector is, with the text shown printable
   */
  public static String check(String selector) {
    if (selector.length() > 253 || !LABELS.matcher(selector).matches()) {
      String shown = selector.length() > 60 ? selector.substring(0, 60) + "..." : selector;
      throw new IllegalArgumentException("'" + shown.replace("\n", "\\n").replace("\r", "\\r")
          + "' is not a selector: DNS labels of letters, digits and hyphens, separated by dots");
    }
    return selector;
  }
}
