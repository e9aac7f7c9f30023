package dev.mailgateway.runtime;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Where events go: the log, any listener an application or a test registers, and a history of
 * the most recent ones (bounded: a gateway runs for months).
 */
public final class GatewayEvents {

  private static final System.Logger LOG = System.getLogger("dev.mailgateway.runtime");

  private final Clock clock;
  private final List<Consumer<GatewayEvent>> listeners = new CopyOnWriteArrayList<>();
  /** How many events the history keeps. */
  public static final int HISTORY = 10_000;

  private final java.util.ArrayDeque<GatewayEvent> recent = new java.util.ArrayDeque<>();

  /** Events stamped by a clock. */
  public GatewayEvents(Clock clock) {
    this.clock = clock;
  }

  /** Registers a listener; it is called on the thread that records the event. */
  public void listen(Consumer<GatewayEvent> listener) {
    listeners.add(listener);
  }

  /** The events so far, oldest first: all of them, or the last {@link #HISTORY}. */
  public List<GatewayEvent> all() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }

  /** Records an event. */
  public void record(String queueId, GatewayEvent.Kind kind, String detail) {
    GatewayEvent event = new GatewayEvent(clock.instant(), queueId, kind, detail);
    synchronized (recent) {
      if (recent.size() == HISTORY) {
        recent.removeFirst();
      }
      recent.addLast(event);
    }
    LOG.log(System.Logger.Level.INFO, event::toString);
    listeners.forEach(listener -> listener.accept(event));
  }
}
