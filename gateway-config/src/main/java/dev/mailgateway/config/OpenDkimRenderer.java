package dev.mailgateway.config;

import dev.mailgateway.api.Cidr;
import dev.mailgateway.api.DkimSigning;
import dev.mailgateway.api.Fqdn;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Renders OpenDKIM's configuration: opendkim.conf, KeyTable, SigningTable and TrustedHosts. The
 * tables are rendered from the policy every time, so they cannot drift from the key store.
 * Unlike the image, which makes every client internal ({@code 0.0.0.0/0}), only trusted networks
 * get mail signed: inbound mail with a forged {@code From:} must not get our signature.
 */
final class OpenDkimRenderer {

  private final RenderLayout layout;
  private final List<Cidr> trusted;
  private final String hostname;

  OpenDkimRenderer(RenderLayout layout, List<Cidr> trusted, String hostname) {
    this.layout = layout;
    this.trusted = trusted;
    this.hostname = hostname;
  }

  List<ConfigFile> render(DkimSigning dkim) {
    StringBuilder keyTable = new StringBuilder(RenderedBy.comment("#"));
    StringBuilder signingTable = new StringBuilder(RenderedBy.comment("#"));
    for (Fqdn domain : dkim.domains()) {
      String keyName = dkim.selector() + "._domainkey." + domain.name();
      keyTable.append(keyName).append(' ').append(domain.name()).append(':')
          .append(dkim.selector()).append(':').append(dkim.privateKey(domain)).append('\n');
      signingTable.append("*@").append(domain.name()).append(' ').append(keyName).append('\n');
    }
    Set<String> hosts = new LinkedHashSet<>(List.of("127.0.0.1", "::1"));
    trusted.forEach(cidr -> hosts.add(cidr.toString()));
    StringBuilder trustedHosts = new StringBuilder(RenderedBy.comment("#"));
    hosts.forEach(host -> trustedHosts.append(host).append('\n'));
    return List.of(
        ConfigFile.text("opendkim/opendkim.conf", conf(dkim)),
        ConfigFile.text("opendkim/KeyTable", keyTable.toString()),
        ConfigFile.text("opendkim/SigningTable", signingTable.toString()),
        ConfigFile.text("opendkim/TrustedHosts", trustedHosts.toString()));
  }

  private String conf(DkimSigning dkim) {
    String dir = layout.opendkimDirectory().toString();
    return RenderedBy.comment("#")
        + "Syslog                  yes\n"
        + "UMask                   007\n"
        + "Mode                    sv\n"
        + "SubDomains              yes\n"
        + "LogWhy                  yes\n"
        + "Canonicalization        relaxed/relaxed\n"
        + "OversignHeaders         From\n"
        + "MaximumSignaturesToVerify " + dkim.maximumSignaturesToVerify() + "\n"
        + "KeyTable                file:" + dir + "/KeyTable\n"
        + "SigningTable            refile:" + dir + "/SigningTable\n"
        + "InternalHosts           file:" + dir + "/TrustedHosts\n"
        + "ExternalIgnoreList      file:" + dir + "/TrustedHosts\n"
        // Results carry the gateway's name, and any a sender forged in that name are dropped,
        // whatever method they claim: the runtime does the same.
        + "AuthservID              " + hostname + "\n"
        + "RemoveARFrom            " + hostname + "\n"
        + "RemoveARAll             yes\n"
        + "Socket                  inet:" + layout.milterPort() + "@127.0.0.1\n";
  }
}
