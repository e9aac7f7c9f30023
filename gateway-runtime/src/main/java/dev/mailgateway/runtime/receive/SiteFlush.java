package dev.mailgateway.runtime.receive;

import java.io.IOException;

/**
 * What ETRN asks for: the deferred mail for a domain and its subdomains delivered now, as
 * Postfix's flush daemon does for {@code fast_flush_domains}.
 */
@FunctionalInterface
public interface SiteFlush {

  /** A listener that flushes nothing (one that only re-injects filtered mail). */
  SiteFlush NONE = domain -> { };

  /** Schedules the deferred messages with a recipient in the domain or below it for now. */
  void flush(String domain) throws IOException;
}
