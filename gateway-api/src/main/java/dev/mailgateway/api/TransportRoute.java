package dev.mailgateway.api;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of Postfix's {@code transport_maps}: which mail ({@code pattern}) goes where
 * ({@code service:nexthop}).
 *
 * <p>The pattern is a domain ({@code example.com}), its subdomains ({@code .example.com}), an
 * address ({@code user@example.com}) or {@code *} for everything else. The service is one the
 * rendered {@code master.cf} defines: {@code smtp}, {@code relay}, {@code lmtp}, {@code error},
 * {@code retry} or {@code discard}; empty means the default transport. For {@code error},
 * {@code retry} and {@code discard} the next hop is free text, the reason given. {@code app}
 * names an application's {@link MailHandler} ({@code app:tickets}), which only the embedded
 * gateway has.
 *
 * @param pattern which recipients the entry matches
 * @param service the master.cf service, or empty for the default
 * @param nexthop the next hop as written after the colon, or empty
 */
public record TransportRoute(String pattern, String service, String nexthop) {

  /** The services a route may name. */
  public static final Set<String> SERVICES =
      Set.of("smtp", "relay", "lmtp", "error", "retry", "discard", "app");

  private static final Set<String> TEXT_SERVICES = Set.of("error", "retry", "discard", "app");

  /** Whether a name may name a mail handler: {@code app:NAME}. */
  public static boolean isHandlerName(String name) {
    return !name.isEmpty() && name.length() <= 64
        && name.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'
            || c == '.'));
  }

  /** Checks the entry; see the type's description for what is allowed. */
  public TransportRoute {
    checkPattern(pattern);
    if (!service.isEmpty() && !SERVICES.contains(service)) {
      throw new IllegalArgumentException(
          "unknown transport '" + service + "'; the rendered master.cf defines "
              + String.join(", ", SERVICES.stream().sorted().toList()));
    }
    if (nexthop.contains("\n") || nexthop.contains("\r")) {
      throw new IllegalArgumentException("a next hop must not contain a line break");
    }
    if (service.equals("app") && !isHandlerName(nexthop)) {
      throw new IllegalArgumentException("app:" + nexthop + " does not name a handler: letters,"
          + " digits, '-', '_' and '.', as in app:tickets");
    }
    if (!nexthop.isEmpty() && !TEXT_SERVICES.contains(service)) {
      NextHop.parse(nexthop);
    }
  }

  /**
   * Parses a pattern and a {@code service:nexthop} result.
   *
   * @throws IllegalArgumentException with a message that says what is wrong
   */
  public static TransportRoute parse(String pattern, String result) {
    String trimmed = result.strip();
    int colon = trimmed.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "'" + result + "' is not a transport (service:nexthop, such as smtp:[10.0.0.5]:25)");
    }
    return new TransportRoute(
        pattern.strip().toLowerCase(Locale.ROOT),
        trimmed.substring(0, colon).toLowerCase(Locale.ROOT),
        trimmed.substring(colon + 1));
  }

  private static void checkPattern(String pattern) {
    if (pattern.equals("*")) {
      return;
    }
    int at = pattern.lastIndexOf('@');
    String domain = at >= 0 ? pattern.substring(at + 1) : pattern;
    if (at == 0) {
      throw new IllegalArgumentException("'" + pattern + "' has no local part before '@'");
    }
    if (at > 0 && pattern.substring(0, at).chars().anyMatch(c -> c <= ' ' || c == '@')) {
      throw new IllegalArgumentException("'" + pattern + "' has an invalid local part");
    }
    if (at < 0 && domain.startsWith(".")) {
      domain = domain.substring(1);
    }
    try {
      Fqdn.parse(domain);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + pattern + "' is not a transport pattern (domain, .domain, user@domain or *): "
              + e.getMessage(), e);
    }
  }

  /** The next hop as a host, for the SMTP-speaking services; empty for text services. */
  public Optional<NextHop> nextHop() {
    return nexthop.isEmpty() || TEXT_SERVICES.contains(service)
        ? Optional.empty()
        : Optional.of(NextHop.parse(nexthop));
  }

  /** The result column: {@code service:nexthop}. */
  public String result() {
    return service + ":" + nexthop;
  }

  /** The entry as a line of a transport table. */
  @Override
  public String toString() {
    return pattern + " " + result();
  }
}
