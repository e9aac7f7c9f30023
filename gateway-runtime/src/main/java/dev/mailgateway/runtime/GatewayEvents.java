package dev.mailgateway.runtime;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Where events go: the log, and any listener an application or a test registers. */
public final class GatewayEvents {

  private static final System.Logger LOG = System.getLogger("dev.mailgateway.runtime");

  private final Clock clock;
  private final List<Consumer<GatewayEvent>> listeners = new CopyOnWriteArrayList<>();
  private final List<GatewayEvent> recent = new CopyOnWriteArrayList<>();

  /** Events stamped by a clock. */
  public GatewayEvents(Clock clock) {
    this.clock = clock;
  }

  /** Registers a listener; it is called on the thread that records the event. */
  public void listen(Consumer<GatewayEvent> listener) {
    listeners.add(listener);
  }

  /** Every event so far, oldest first. */
  public List<GatewayEvent> all() {
    return List.copyOf(recent);
  }

  /** Records an event. */
  public void record(String queueId, GatewayEvent.Kind kind, String detail) {
    GatewayEvent event = new GatewayEvent(clock.instant(), queueId, kind, detail);
    recent.add(event);
    LOG.log(System.Logger.Level.INFO, event::toString);
    listeners.forEach(listener -> listener.accept(event));
  }
}
