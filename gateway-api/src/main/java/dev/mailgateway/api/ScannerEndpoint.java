package dev.mailgateway.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A content scanner a running gateway hands mail to, and where it listens: {@code clamd} or
 * {@code spamd} on a TCP port ({@code host:port}, {@code [v6]:port}) or a Unix socket ({@code
 * unix:/path}), {@code amavis} (an external content filter the Postfix way, on a TCP port), or
 * the built-in test detectors of EICAR and GTUBE, which need no address.
 *
 * @param kind the scanner
 * @param address where it listens; empty for the test detectors
 * @param reinjection for amavisd, where the gateway takes back what amavisd passes ({@code
 *     $forward_method}; the image's {@code 127.0.0.1:10025})
 */
public record ScannerEndpoint(Kind kind, Optional<String> address, Optional<String> reinjection) {

  /** The scanners a gateway can speak to. */
  public enum Kind {
    /** ClamAV's daemon: viruses. */
    CLAMD("clamd"),
    /** SpamAssassin's daemon: spam. */
    SPAMD("spamd"),
    /** amavisd: both, as Postfix's content filter, re-injecting what passes. */
    AMAVIS("amavis"),
    /** The built-in EICAR and GTUBE test detectors (not scanners). */
    TEST_DETECTORS("test-detectors");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** The name used in {@code --scanner} options. */
    public String label() {
      return label;
    }
  }

  /** Checks the address. */
  public ScannerEndpoint {
    if (kind == Kind.TEST_DETECTORS && address.isPresent()) {
      throw new IllegalArgumentException("the test detectors are built in and take no address");
    }
    if (kind != Kind.TEST_DETECTORS) {
      String where = address.orElseThrow(() -> new IllegalArgumentException(
          kind.label + " needs an address: host:port or unix:/path"));
      checkAddress(kind, where);
    }
    if (kind == Kind.AMAVIS) {
      checkAddress(kind, reinjection.orElseThrow(() -> new IllegalArgumentException(
          "amavis needs the address it re-injects to, such as 127.0.0.1:10025")));
    } else if (reinjection.isPresent()) {
      throw new IllegalArgumentException(kind.label + " re-injects nothing; only amavis does");
    }
  }

  private ScannerEndpoint(Kind kind, Optional<String> address) {
    this(kind, address, kind == Kind.AMAVIS ? Optional.of("127.0.0.1:10025") : Optional.empty());
  }

  /** clamd at {@code host:port} or {@code unix:/path} (Debian's is {@code unix:/run/clamav/clamd.ctl}). */
  public static ScannerEndpoint clamd(String address) {
    return new ScannerEndpoint(Kind.CLAMD, Optional.of(address));
  }

  /** spamd at {@code host:port} (its default port is 783) or {@code unix:/path}. */
  public static ScannerEndpoint spamd(String address) {
    return new ScannerEndpoint(Kind.SPAMD, Optional.of(address));
  }

  /**
   * amavisd's SMTP port, {@code host:port} (the image's is {@code 127.0.0.1:10024}), and where
   * the gateway listens for what amavisd passes back (the image's is {@code 127.0.0.1:10025}).
   */
  public static ScannerEndpoint amavis(String address, String reinjection) {
    return new ScannerEndpoint(Kind.AMAVIS, Optional.of(address), Optional.of(reinjection));
  }

  /** The built-in EICAR and GTUBE test detectors. */
  public static ScannerEndpoint testDetectors() {
    return new ScannerEndpoint(Kind.TEST_DETECTORS, Optional.empty());
  }

  /**
   * Parses the command line's form: {@code clamd=ADDRESS}, {@code spamd=ADDRESS}, {@code
   * amavis=ADDRESS[,reinject=ADDRESS]} or {@code test-detectors}.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static ScannerEndpoint parse(String text) {
    int equals = text.indexOf('=');
    String label = (equals < 0 ? text : text.substring(0, equals)).strip().toLowerCase(Locale.ROOT);
    for (Kind kind : Kind.values()) {
      if (kind.label.equals(label)) {
        String value = equals < 0 ? "" : text.substring(equals + 1).strip();
        int comma = value.indexOf(",reinject=");
        if (kind == Kind.AMAVIS && comma >= 0) {
          return amavis(value.substring(0, comma), value.substring(comma + ",reinject=".length()));
        }
        return new ScannerEndpoint(kind, value.isEmpty() ? Optional.empty() : Optional.of(value));
      }
    }
    throw new IllegalArgumentException("'" + text + "' names no scanner; there are "
        + Arrays.stream(Kind.values()).map(k -> k.label).collect(Collectors.joining(", ")));
  }

  private static void checkAddress(Kind kind, String address) {
    if (address.startsWith("unix:")) {
      if (kind == Kind.AMAVIS) {
        throw new IllegalArgumentException("amavis is reached over TCP (host:port), not " + address);
      }
      if (!address.substring(5).startsWith("/")) {
        throw new IllegalArgumentException("'" + address + "' is not a Unix socket: the path must"
            + " be absolute, as in unix:/run/clamav/clamd.ctl");
      }
      return;
    }
    int colon = address.lastIndexOf(':');
    String host = colon < 0 ? "" : address.substring(0, colon);
    String port = colon < 0 ? "" : address.substring(colon + 1);
    if (host.isEmpty() || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) == 0
        || Integer.parseInt(port) > 65535) {
      throw new IllegalArgumentException("'" + address + "' is not an address of " + kind.label
          + ": expected host:port, [v6]:port or unix:/path");
    }
  }

  /** The host of a TCP address, without IPv6 brackets. */
  public String host() {
    return hostOf(address.orElseThrow());
  }

  /** The port of a TCP address. */
  public int port() {
    return portOf(address.orElseThrow());
  }

  /** The host of a {@code host:port}, without IPv6 brackets. */
  public static String hostOf(String where) {
    String host = where.substring(0, where.lastIndexOf(':'));
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /** The port of a {@code host:port}. */
  public static int portOf(String where) {
    return Integer.parseInt(where.substring(where.lastIndexOf(':') + 1));
  }

  /** The socket path of a Unix address. */
  public Optional<java.nio.file.Path> unixSocket() {
    return address.filter(a -> a.startsWith("unix:")).map(a -> java.nio.file.Path.of(a.substring(5)));
  }

  @Override
  public String toString() {
    return kind.label + address.map(a -> "=" + a).orElse("")
        + (kind == Kind.AMAVIS ? reinjection.map(r -> ",reinject=" + r).orElse("") : "");
  }
}
