package dev.mailgateway.runtime.deliver;

import dev.mailgateway.runtime.receive.Mailbox;
import java.util.List;

/**
 * What one delivery attempt to a next hop achieved.
 *
 * @param delivered recipients the next hop accepted the message for
 * @param deferred recipients to try again later (4xx, or the next hop unreachable)
 * @param failed recipients refused for good (5xx)
 * @param reply the next hop's last reply or the failure, for the log and bounces
 */
public record DeliveryResult(List<Mailbox> delivered, List<Mailbox> deferred,
    List<Mailbox> failed, String reply) {

  /** Copies the lists. */
  public DeliveryResult {
    delivered = List.copyOf(delivered);
    deferred = List.copyOf(deferred);
    failed = List.copyOf(failed);
  }
}
