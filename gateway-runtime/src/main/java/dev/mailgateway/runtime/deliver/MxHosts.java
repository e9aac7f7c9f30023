package dev.mailgateway.runtime.deliver;

import dev.mailgateway.api.NextHop;
import dev.mailgateway.dns.DnsException;
import dev.mailgateway.dns.DnsResolver;
import dev.mailgateway.dns.MxRecord;
import java.util.List;

/**
 * The hosts to try for a next hop: the host itself when it was written in brackets, else the
 * domain's MX hosts by preference, or the domain itself when it has no MX record.
 */
final class MxHosts {

  private static final DnsResolver DNS = DnsResolver.system();

  private MxHosts() {}

  static List<NextHop> of(NextHop hop) {
    if (!hop.mxLookup()) {
      return List.of(hop);
    }
    String port = hop.port().isPresent() ? ":" + hop.port().getAsInt() : "";
    List<MxRecord> records;
    try {
      records = DNS.mx(hop.host());
    } catch (DnsException e) {
      // As before: a domain whose MX lookup fails is tried at its own address.
      records = List.of();
    }
    if (records.isEmpty()) {
      return List.of(NextHop.parse("[" + hop.host() + "]" + port));
    }
    return records.stream().map(mx -> NextHop.parse("[" + mx.host() + "]" + port)).toList();
  }
}
