package dev.mailgateway.runtime.metrics;

import dev.mailgateway.api.QueuedMessage;
import dev.mailgateway.runtime.GatewayEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A gateway's meters, fed by its events: connections, messages received, rejected by reason,
 * deliveries by status (per recipient, as Postfix counts them), DKIM signatures, scan verdicts,
 * the delivery delay as a histogram, and the queue by state. In Prometheus's text format they
 * are {@code gateway_smtpd_connections_total}, {@code gateway_messages_received_total}, {@code
 * gateway_messages_rejected_total{reason}}, {@code gateway_deliveries_total{status}}, {@code
 * gateway_dkim_signed_total}, {@code gateway_scan_verdicts_total{verdict}}, {@code
 * gateway_delivery_delay_seconds} and {@code gateway_queue_messages{state}}.
 */
public final class GatewayMeters implements Consumer<GatewayEvent> {

  /** The reasons a message or a command is rejected for, as the meters name them. */
  static final List<String> REASONS = List.of("relay", "size", "header_check", "virus", "spam",
      "scanner", "tls", "limits", "other");
  private static final List<String> STATUSES = List.of("sent", "deferred", "bounced");
  private static final List<String> VERDICTS = List.of("clean", "spam", "virus", "unchecked");

  private final MeterRegistry registry;
  private final Counter connections;
  private final Counter received;
  private final Counter signed;
  private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
  private final Map<String, Counter> deliveries = new ConcurrentHashMap<>();
  private final Map<String, Counter> verdicts = new ConcurrentHashMap<>();
  private final Timer delay;
  private final Supplier<Map<QueuedMessage.State, Integer>> queue;

  /**
   * Registers the meters of a gateway.
   *
   * @param queue the queue's messages by state, counted without reading the queue from disk:
   *     a scrape comes every few seconds, however long the queue
   */
  public GatewayMeters(MeterRegistry registry, Supplier<Map<QueuedMessage.State, Integer>> queue) {
    this.registry = registry;
    this.queue = queue;
    this.connections = Counter.builder("gateway.smtpd.connections")
        .description("SMTP connections accepted").register(registry);
    this.received = Counter.builder("gateway.messages.received")
        .description("Messages received and queued").register(registry);
    this.signed = Counter.builder("gateway.dkim.signed")
        .description("DKIM signatures added").register(registry);
    REASONS.forEach(this::rejectedFor);
    STATUSES.forEach(this::deliveriesOf);
    VERDICTS.forEach(this::verdict);
    this.delay = Timer.builder("gateway.delivery.delay")
        .description("Time from queueing to delivery of a recipient, as Postfix's delay=")
        .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(4), Duration.ofDays(1))
        .register(registry);
    for (QueuedMessage.State state : QueuedMessage.State.values()) {
      Gauge.builder("gateway.queue.messages", () -> queue.get().getOrDefault(state, 0))
          .description("Messages in the queue, by state").tag("state", state.queueName())
          .register(registry);
    }
  }

  private Counter rejectedFor(String reason) {
    return rejected.computeIfAbsent(reason, r -> Counter.builder("gateway.messages.rejected")
        .description("Messages and commands rejected, by reason").tag("reason", r).register(registry));
  }

  private Counter deliveriesOf(String status) {
    return deliveries.computeIfAbsent(status, s -> Counter.builder("gateway.deliveries")
        .description("Delivery attempts per recipient, by outcome").tag("status", s).register(registry));
  }

  private Counter verdict(String verdict) {
    return verdicts.computeIfAbsent(verdict, v -> Counter.builder("gateway.scan.verdicts")
        .description("Content scan verdicts").tag("verdict", v).register(registry));
  }

  @Override
  public void accept(GatewayEvent event) {
    switch (event.kind()) {
      case CONNECTED -> connections.increment();
      case RECEIVED -> received.increment();
      case REFUSED, REJECTED -> rejectedFor(reason(event)).increment();
      case TURNED_AWAY -> rejectedFor(event.field("reason")).increment();
      case SIGNED -> signed.increment();
      case SCANNED, QUARANTINED -> verdict(verdictOf(event)).increment();
      case DISCARDED -> {
        if (event.fields().containsKey("category")) {
          verdict(verdictOf(event)).increment();
        }
      }
      case SENT, DEFERRED, BOUNCED -> {
        deliveriesOf(event.field("status")).increment();
        if (event.kind() == GatewayEvent.Kind.SENT) {
          delay.record(seconds(event.field("delay")));
        }
      }
      default -> { }
    }
  }

  /** Why a message or command was refused, from what the event says. */
  static String reason(GatewayEvent event) {
    if (event.fields().containsKey("action")) {
      return "header_check";
    }
    String category = event.field("category");
    if (category.equals("virus") || category.equals("spam")) {
      if (event.kind() == GatewayEvent.Kind.REJECTED) {
        return category;
      }
    }
    String reply = event.field("reply");
    if (reply.contains("Relay access denied")) {
      return "relay";
    }
    if (reply.startsWith("552") || reply.contains("5.3.4")) {
      return "size";
    }
    if (reply.contains("4.7.1 Service unavailable")) {
      return "scanner";
    }
    return "other";
  }

  private static String verdictOf(GatewayEvent event) {
    String verdict = event.field("verdict");
    return verdict.isEmpty() ? "clean" : verdict;
  }

  private static Duration seconds(String text) {
    try {
      return Duration.ofNanos((long) (Double.parseDouble(text) * 1e9));
    } catch (NumberFormatException e) {
      return Duration.ZERO;
    }
  }

}
