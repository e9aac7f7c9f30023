package dev.mailgateway.dkim;

import dev.mailgateway.api.Fqdn;

/**
 * A key the key store generated, with the DNS record to publish for it.
 *
 * @param domain the signing domain
 * @param selector the selector
 * @param record the record to publish at {@code selector._domainkey.domain}
 */
public record GeneratedKey(Fqdn domain, String selector, DkimRecord record) {

  /** The record in zone-file form, as the image prints it to its log. */
  public String zoneFile() {
    return record.zoneFile(selector, domain.name());
  }
}
