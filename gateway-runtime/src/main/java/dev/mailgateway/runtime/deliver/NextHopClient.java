package dev.mailgateway.runtime.deliver;

import dev.mailgateway.api.NextHop;
import dev.mailgateway.runtime.queue.QueuedContent;
import dev.mailgateway.runtime.receive.Mailbox;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Sends one message to one next hop for some recipients: the SMTP client stage. */
public interface NextHopClient {

  /**
   * Sends the message; never throws for a delivery problem, which is in the result.
   *
   * @param content where the whole message lies, header lines the gateway added included
   */
  DeliveryResult send(NextHop nextHop, Optional<Mailbox> sender, List<Mailbox> recipients,
      QueuedContent content);
}
