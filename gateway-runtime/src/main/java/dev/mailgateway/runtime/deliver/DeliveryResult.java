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
 * @param relay the next hop spoken with, as Postfix logs it ({@code host[address]:port}), or
 *     {@code none} when none answered
 */
public record DeliveryResult(List<Mailbox> delivered, List<Mailbox> deferred,
    List<Mailbox> failed, String reply, String relay) {

  /** Copies the lists. */
  public DeliveryResult {
    delivered = List.copyOf(delivered);
    deferred = List.copyOf(deferred);
    failed = List.copyOf(failed);
  }

  /** A result from no next hop in particular. */
  public DeliveryResult(List<Mailbox> delivered, List<Mailbox> deferred, List<Mailbox> failed,
      String reply) {
    this(delivered, deferred, failed, reply, "none");
  }

  /** The same result from a next hop that answered. */
  DeliveryResult from(String spokenWith) {
    return new DeliveryResult(delivered, deferred, failed, reply, spokenWith);
  }
}
