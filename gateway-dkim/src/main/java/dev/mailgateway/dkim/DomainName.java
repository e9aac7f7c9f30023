package dev.mailgateway.dkim;

import java.util.regex.Pattern;

/**
 * The {@code d=} of a signature as RFC 6376 3.5 has it: a domain name of letters, digits and
 * hyphens in dot-separated labels, 253 characters at most. What else a sender writes there (a
 * NUL, {@code ..}, a path) must reach neither a DNS query nor a header field.
 */
final class DomainName {

  private static final Pattern LABELS = Pattern.compile(
      "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

  private DomainName() { }

  static boolean isValid(String name) {
    return name.length() <= 253 && LABELS.matcher(name).matches();
  }
}
