package dev.mailgateway.dkim;

import dev.mailgateway.dns.DnsException;
import dev.mailgateway.dns.DnsResolver;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Key records from DNS, from the system's resolvers or a given server. */
public final class DnsKeyResolver implements DkimKeyResolver {

  /** Empty until the first lookup when the system's resolvers are asked. */
  private Optional<DnsResolver> resolver;

  private DnsKeyResolver(Optional<DnsResolver> resolver) {
    this.resolver = resolver;
  }

  /**
   * Asks the system's resolvers ({@code /etc/resolv.conf}), read at the first lookup: a gateway
   * that verifies no signature never reads it, and starts the sooner.
   */
  public static DnsKeyResolver system() {
    return new DnsKeyResolver(Optional.empty());
  }

  /** Asks one server, such as a local one in a test. */
  public static DnsKeyResolver using(InetSocketAddress server, Duration timeout) {
    return new DnsKeyResolver(Optional.of(DnsResolver.using(server, timeout)));
  }

  @Override
  public List<String> lookup(String name) throws KeyLookupException {
    try {
      return resolver().txt(name);
    } catch (DnsException e) {
      throw new KeyLookupException(e.getMessage(), e.isTemporary());
    }
  }

  private synchronized DnsResolver resolver() throws KeyLookupException {
    if (resolver.isEmpty()) {
      try {
        resolver = Optional.of(DnsResolver.system());
      } catch (UncheckedIOException e) {
        throw new KeyLookupException(e.getMessage(), true);
      }
    }
    return resolver.get();
  }
}
