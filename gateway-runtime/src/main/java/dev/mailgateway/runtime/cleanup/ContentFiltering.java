package dev.mailgateway.runtime.cleanup;

import dev.mailgateway.api.ContentFilter;
import dev.mailgateway.api.Fqdn;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.api.NextHop;
import java.util.List;
import java.util.Optional;

/**
 * How the cleanup stage filters content: in process, by a scanner whose report it acts on with
 * the policy's levels and destinies; or after the queue, the Postfix way, by handing every
 * message to amavisd first ({@code content_filter}), which scans it, applies the same policy
 * rendered into its configuration, and re-injects what passes.
 *
 * @param scanner the scanner asked in process, if any
 * @param policy the policy's levels, destinies, quarantine and fail-open
 * @param localDomains the domains whose recipients get spam headers, besides the gateway's own
 *     (Amavis's {@code @local_domains_acl}): the policy's relay domains
 * @param afterQueue amavisd's SMTP port, when mail goes there after the queue
 */
public record ContentFiltering(Optional<ContentScanner> scanner, ContentFilter policy,
    List<Fqdn> localDomains, Optional<NextHop> afterQueue) {

  /** Copies the domains. */
  public ContentFiltering {
    localDomains = List.copyOf(localDomains);
  }

  /** No content filtering at all: the re-injection path, and tests of other stages. */
  public static ContentFiltering none() {
    return new ContentFiltering(Optional.empty(),
        MailGateway.policy().withoutContentFilter().build().contentFilter(), List.of(),
        Optional.empty());
  }

  /** Whether the in-process scanner is asked. */
  boolean scansInProcess() {
    return scanner.isPresent() && afterQueue.isEmpty()
        && (policy.scansViruses() || policy.scansSpam());
  }
}
