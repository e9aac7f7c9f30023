package dev.mailgateway.api;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A fully-qualified domain name (RFC 1123): at least two labels of letters, digits and inner
 * hyphens, 63 characters a label and 253 in all. Stored lower-cased, without a trailing dot.
 */
public final class Fqdn {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private final String name;

  private Fqdn(String name) {
    this.name = name;
  }

  /**
   * Parses and normalises a domain name: upper case is lowered, one trailing dot is dropped.
   *
   * @throws IllegalArgumentException with a message that says what is wrong
   */
  public static Fqdn parse(String text) {
    if (!Ascii.isAscii(text)) {
      // Lowering first would fold a Kelvin sign into "k" and pass a name that is not this one.
      throw new IllegalArgumentException("'" + text + "' is not a fully-qualified domain name:"
          + " only ASCII letters, digits, hyphens and dots; write an internationalised name in its"
          + " xn-- form");
    }
    String name = text.strip().toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    String invalid = "'" + text + "' is not a fully-qualified domain name";
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a domain name must not be empty");
    }
    if (name.length() > 253) {
      throw new IllegalArgumentException(invalid + ": longer than 253 characters");
    }
    String[] labels = name.split("\\.", -1);
    if (labels.length < 2) {
      throw new IllegalArgumentException(invalid + ": it needs at least two labels (host.domain)");
    }
    for (String label : labels) {
      if (label.isEmpty()) {
        throw new IllegalArgumentException(invalid + ": empty label");
      }
      if (!LABEL.matcher(label).matches()) {
        throw new IllegalArgumentException(
            invalid + ": label '" + label + "' may hold only letters, digits and inner hyphens,"
                + " 63 characters at most");
      }
    }
    if (Ascii.allDigits(labels[labels.length - 1])) {
      throw new IllegalArgumentException(invalid + ": the last label must not be all digits");
    }
    return new Fqdn(name);
  }

  /** The normalised name. */
  public String name() {
    return name;
  }

  /** Whether this name is the domain itself or one of its subdomains. */
  public boolean isWithin(Fqdn domain) {
    return domain.holds(name);
  }

  /**
   * Whether a lower-case name, such as a message's From domain, is this domain or one of its
   * subdomains; compared in place, without a string made for each name asked about.
   */
  public boolean holds(String other) {
    return other.endsWith(name) && (other.length() == name.length()
        || other.charAt(other.length() - name.length() - 1) == '.');
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Fqdn that && name.equals(that.name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
