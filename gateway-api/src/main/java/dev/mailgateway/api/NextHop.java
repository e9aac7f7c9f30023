package dev.mailgateway.api;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where Postfix's SMTP client sends mail: {@code relayhost} and the next-hop part of a transport
 * table entry. {@code [host]:port} connects to the host itself; {@code host} without brackets
 * looks up the domain's MX records first, as Postfix does.
 */
public final class NextHop {

  private final String host;
  private final boolean mxLookup;
  private final OptionalInt port;

  private NextHop(String host, boolean mxLookup, OptionalInt port) {
    this.host = host;
    this.mxLookup = mxLookup;
    this.port = port;
  }

  /**
   * Parses {@code [host]:port}, {@code [host]}, {@code host:port} or {@code host}. Inside brackets
   * the host may be a name, an IPv4 address or {@code ipv6:} followed by an IPv6 address.
   *
   * @throws IllegalArgumentException with a message that says what is wrong
   */
  public static NextHop parse(String text) {
    String trimmed = text.strip();
    String invalid = "'" + text + "' is not a next hop ([host]:port, host:port or host)";
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("a next hop must not be empty");
    }
    String hostPart;
    String rest;
    boolean bracketed = trimmed.startsWith("[");
    if (bracketed) {
      int close = trimmed.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException(invalid + ": '[' without ']'");
      }
      hostPart = trimmed.substring(1, close);
      rest = trimmed.substring(close + 1);
    } else {
      int colon = trimmed.indexOf(':');
      hostPart = colon < 0 ? trimmed : trimmed.substring(0, colon);
      rest = colon < 0 ? "" : trimmed.substring(colon);
    }
    OptionalInt port = OptionalInt.empty();
    if (!rest.isEmpty()) {
      if (!rest.startsWith(":")) {
        throw new IllegalArgumentException(invalid + ": unexpected '" + rest + "'");
      }
      port = OptionalInt.of(parsePort(rest.substring(1), invalid));
    }
    return new NextHop(host(hostPart, bracketed, invalid), !bracketed, port);
  }

  private static int parsePort(String text, String invalid) {
    if (text.isEmpty() || text.length() > 5 || !Ascii.allDigits(text)) {
      throw new IllegalArgumentException(invalid + ": the port must be a number");
    }
    int port = Integer.parseInt(text);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(invalid + ": port " + port + " is outside 1-65535");
    }
    return port;
  }

  private static String host(String text, boolean bracketed, String invalid) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (bracketed && lower.startsWith("ipv6:")) {
      try {
        return "ipv6:" + IpAddress.format(IpAddress.parseIpv6(lower.substring(5)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(invalid + ": " + e.getMessage(), e);
      }
    }
    if (bracketed && IpAddress.isLiteral(lower)) {
      if (lower.indexOf(':') >= 0) {
        throw new IllegalArgumentException(
            invalid + ": Postfix writes an IPv6 next hop as [ipv6:" + lower + "]");
      }
      return IpAddress.format(IpAddress.parseIpv4(lower));
    }
    try {
      return Fqdn.parse(lower).name();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(invalid + ": " + e.getMessage(), e);
    }
  }

  /** The host name or address, without brackets (IPv6 as {@code ipv6:addr}). */
  public String host() {
    return host;
  }

  /** The host as an address literal, for a connection: without the {@code ipv6:} prefix. */
  public String connectHost() {
    return host.startsWith("ipv6:") ? host.substring(5) : host;
  }

  /** Whether MX records are looked up first (the host was written without brackets). */
  public boolean mxLookup() {
    return mxLookup;
  }

  /** The port, when one was given; Postfix's default is 25 ({@code smtp}). */
  public OptionalInt port() {
    return port;
  }

  /** The port, or 25. */
  public int portOrDefault() {
    return port.orElse(25);
  }

  /** The host as a domain name, when it is one rather than an address literal. */
  public Optional<Fqdn> domain() {
    return host.startsWith("ipv6:") || IpAddress.isLiteral(host)
        ? Optional.empty()
        : Optional.of(Fqdn.parse(host));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NextHop that
        && host.equals(that.host)
        && mxLookup == that.mxLookup
        && port.equals(that.port);
  }

  @Override
  public int hashCode() {
    return (host.hashCode() * 31 + Boolean.hashCode(mxLookup)) * 31 + port.hashCode();
  }

  /** The Postfix form: {@code [host]:port}, {@code host:port} or {@code host}. */
  @Override
  public String toString() {
    String base = mxLookup ? host : "[" + host + "]";
    return port.isPresent() ? base + ":" + port.getAsInt() : base;
  }
}
