package dev.mailgateway.cli;

import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.dkim.DkimKeyStore;
import dev.mailgateway.dkim.GeneratedKey;
import java.io.PrintWriter;

/** What the image does at start for DKIM: generate the missing keys and print their records. */
final class DkimKeys {

  private DkimKeys() {}

  static void generateMissing(GatewayPolicy policy, PrintWriter out) {
    policy.dkim().ifPresent(dkim -> {
      for (GeneratedKey key : DkimKeyStore.of(dkim).generateMissing()) {
        out.println("generated the DKIM key of " + key.domain() + "; publish this record:");
        out.print(key.zoneFile());
      }
      out.flush();
    });
  }
}
