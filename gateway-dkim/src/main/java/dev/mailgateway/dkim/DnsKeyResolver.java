package dev.mailgateway.dkim;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** Key records from DNS (dnsjava), from the system's resolvers or a given server. */
public final class DnsKeyResolver implements DkimKeyResolver {

  private final Optional<Resolver> resolver;

  private DnsKeyResolver(Optional<Resolver> resolver) {
    this.resolver = resolver;
  }

  /** Asks the system's resolvers ({@code /etc/resolv.conf}). */
  public static DnsKeyResolver system() {
    return new DnsKeyResolver(Optional.empty());
  }

  /** Asks one server, such as a local one in a test. */
  public static DnsKeyResolver using(InetSocketAddress server, Duration timeout) {
    SimpleResolver simple = new SimpleResolver(server);
    simple.setTimeout(timeout);
    return new DnsKeyResolver(Optional.of(new ExtendedResolver(new Resolver[] {simple})));
  }

  @Override
  public List<String> lookup(String name) throws KeyLookupException {
    Lookup lookup;
    try {
      lookup = new Lookup(Name.fromString(name.endsWith(".") ? name : name + "."), Type.TXT);
    } catch (TextParseException e) {
      throw new KeyLookupException("'" + name + "' is not a DNS name", false);
    }
    resolver.ifPresent(lookup::setResolver);
    lookup.setCache(null);
    Record[] answers = lookup.run();
    switch (lookup.getResult()) {
      case Lookup.SUCCESSFUL -> {
        List<String> values = new ArrayList<>();
        for (Record answer : answers) {
          if (answer instanceof TXTRecord txt) {
            values.add(String.join("", txt.getStrings()));
          }
        }
        return values;
      }
      case Lookup.HOST_NOT_FOUND, Lookup.TYPE_NOT_FOUND -> {
        return List.of();
      }
      case Lookup.TRY_AGAIN -> throw new KeyLookupException(
          "DNS lookup of " + name + " failed for now: " + lookup.getErrorString(), true);
      default -> throw new KeyLookupException(
          "DNS lookup of " + name + " failed: " + lookup.getErrorString(), false);
    }
  }
}
