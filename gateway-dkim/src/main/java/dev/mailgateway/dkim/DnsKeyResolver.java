package dev.mailgateway.dkim;

import dev.mailgateway.dns.DnsException;
import dev.mailgateway.dns.DnsResolver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/** Key records from DNS, from the system's resolvers or a given server. */
public final class DnsKeyResolver implements DkimKeyResolver {

  private final DnsResolver resolver;

  private DnsKeyResolver(DnsResolver resolver) {
    this.resolver = resolver;
  }

  /** Asks the system's resolvers ({@code /etc/resolv.conf}). */
  public static DnsKeyResolver system() {
    return new DnsKeyResolver(DnsResolver.system());
  }

  /** Asks one server, such as a local one in a test. */
  public static DnsKeyResolver using(InetSocketAddress server, Duration timeout) {
    return new DnsKeyResolver(DnsResolver.using(server, timeout));
  }

  @Override
  public List<String> lookup(String name) throws KeyLookupException {
    try {
      return resolver.txt(name);
    } catch (DnsException e) {
      throw new KeyLookupException(e.getMessage(), e.isTemporary());
    }
  }
}
