package dev.mailgateway.runtime.deliver;

import dev.mailgateway.api.HandedMessage;
import dev.mailgateway.api.MailHandler;
import dev.mailgateway.api.MailHandlerException;
import dev.mailgateway.runtime.queue.QueueEntry;
import dev.mailgateway.runtime.queue.Spool;
import dev.mailgateway.runtime.receive.Mailbox;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers to an application's mail handler ({@code app:NAME}) as a delivery agent delivers to
 * a next hop: returning is delivered (2.0.0), a temporary failure or any unexpected exception
 * is deferred (4.3.0), a permanent one bounced (5.3.0). The message stays queued until then.
 */
final class HandlerDelivery {

  private final Map<String, MailHandler> handlers;

  HandlerDelivery(Map<String, MailHandler> handlers) {
    this.handlers = Map.copyOf(handlers);
  }

  DeliveryResult deliver(String name, QueueEntry entry, Spool spool, List<Mailbox> recipients) {
    String relay = "app:" + name;
    MailHandler handler = handlers.get(name);
    if (handler == null) {
      // A reload may name a handler the application has not registered: wait for one.
      return new DeliveryResult(List.of(), recipients, List.of(),
          "451 4.3.5 no mail handler named " + name + " is registered", relay);
    }
    try {
      handler.handle(new Handed(entry, spool, recipients));
      return new DeliveryResult(recipients, List.of(), List.of(),
          "250 2.0.0 Ok: taken by the application's handler " + name, relay);
    } catch (MailHandlerException e) {
      return e.permanent()
          ? new DeliveryResult(List.of(), List.of(), recipients, "554 5.3.0 " + e.getMessage(), relay)
          : new DeliveryResult(List.of(), recipients, List.of(), "451 4.3.0 " + e.getMessage(), relay);
    } catch (Exception | LinkageError | AssertionError e) {
      return new DeliveryResult(List.of(), recipients, List.of(), "451 4.3.0 the handler " + name
          + " failed: " + e, relay);
    }
  }

  /** The queued message as the handler sees it. */
  private record Handed(QueueEntry entry, Spool spool, List<Mailbox> mailboxes)
      implements HandedMessage {

    @Override
    public String queueId() {
      return entry.id();
    }

    @Override
    public Optional<String> sender() {
      return entry.sender().map(Mailbox::toString);
    }

    @Override
    public List<String> recipients() {
      return mailboxes.stream().map(Mailbox::toString).toList();
    }

    @Override
    public InputStream content() throws IOException {
      return spool.open(entry.id());
    }

    @Override
    public Optional<String> clientAddress() {
      return Optional.ofNullable(entry.attributes().get("client_address"));
    }

    @Override
    public Optional<String> clientCertificate() {
      return Optional.ofNullable(entry.attributes().get("ccert_fingerprint"));
    }

    @Override
    public List<String> dkimResults() {
      String results = entry.attributes().getOrDefault("dkim_results", "");
      return results.isEmpty() ? List.of() : List.of(results.split("; (?=dkim=)"));
    }

    @Override
    public Optional<String> scanVerdict() {
      return Optional.ofNullable(entry.attributes().get("content_verdict"));
    }
  }
}
