package dev.mailgateway.runtime.deliver;

import dev.mailgateway.api.NextHop;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The hosts to try for a next hop: the host itself when it was written in brackets, else the
 * domain's MX hosts by preference (dnsjava), or the domain itself when it has no MX record.
 */
final class MxHosts {

  private MxHosts() {}

  static List<NextHop> of(NextHop hop) {
    if (!hop.mxLookup()) {
      return List.of(hop);
    }
    String port = hop.port().isPresent() ? ":" + hop.port().getAsInt() : "";
    try {
      Lookup lookup = new Lookup(Name.fromString(hop.host() + "."), Type.MX);
      org.xbill.DNS.Record[] records = lookup.run();
      if (lookup.getResult() != Lookup.SUCCESSFUL || records == null || records.length == 0) {
        return List.of(NextHop.parse("[" + hop.host() + "]" + port));
      }
      return Arrays.stream(records).map(r -> (MXRecord) r)
          .sorted(Comparator.comparingInt(MXRecord::getPriority))
          .map(mx -> NextHop.parse("[" + mx.getTarget().toString(true) + "]" + port))
          .toList();
    } catch (TextParseException e) {
      return List.of(NextHop.parse("[" + hop.host() + "]" + port));
    }
  }
}
