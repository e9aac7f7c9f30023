package dev.mailgateway.runtime.deliver;

import dev.mailgateway.api.NextHop;
import dev.mailgateway.api.SecurityLevel;
import dev.mailgateway.runtime.queue.QueuedContent;
import dev.mailgateway.runtime.receive.Mailbox;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The SMTP client of a gateway without outbound TLS, made at the first delivery rather than at
 * the start: it brings Jakarta Mail's classes and a connection-reaper thread, which a gateway
 * that relays nothing (a test of refusals, an application that hands its mail to handlers) never
 * needs and a test suite's first gateway would otherwise wait for. With outbound TLS the client
 * is made at the start, so that a client certificate that does not load stops the start.
 */
public final class OnDemandSmtpClient implements NextHopClient, AutoCloseable {

  private final String hostname;
  private final Duration timeout;
  private volatile Optional<SmtpNextHopClient> client = Optional.empty();
  private boolean closed;

  /**
   * A client to be.
   *
   * @param hostname the name given in EHLO ({@code myhostname})
   * @param timeout each read's and write's, as {@link SmtpNextHopClient}'s
   */
  public OnDemandSmtpClient(String hostname, Duration timeout) {
    this.hostname = hostname;
    this.timeout = timeout;
  }

  @Override
  public DeliveryResult send(NextHop nextHop, Optional<Mailbox> sender, List<Mailbox> recipients,
      QueuedContent content) {
    Optional<SmtpNextHopClient> made = client;
    return (made.isPresent() ? made.get() : make()).send(nextHop, sender, recipients, content);
  }

  private synchronized SmtpNextHopClient make() {
    if (closed) {
      throw new IllegalStateException("the SMTP client is closed");
    }
    if (client.isEmpty()) {
      client = Optional.of(new SmtpNextHopClient(hostname, SecurityLevel.NONE, Optional.empty(),
          timeout));
    }
    return client.get();
  }

  /** Whether the client was made: a delivery was tried. */
  boolean made() {
    return client.isPresent();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (client.isPresent()) {
      client.get().close();
    }
  }
}
