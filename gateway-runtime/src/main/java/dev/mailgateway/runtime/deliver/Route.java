package dev.mailgateway.runtime.deliver;

import dev.mailgateway.api.NextHop;
import java.util.Optional;

/**
 * Where a recipient's mail goes: a transport service and its next hop, as trivial-rewrite
 * resolves it.
 *
 * @param service smtp, relay, lmtp, error, retry, discard or app
 * @param nextHop the host to connect to, for the SMTP services
 * @param text the reason, for error and retry; the handler's name, for app
 */
public record Route(String service, Optional<NextHop> nextHop, String text) {

  /** Whether mail on this route is sent over SMTP. */
  public boolean isSmtp() {
    return service.equals("smtp") || service.equals("relay");
  }
}
