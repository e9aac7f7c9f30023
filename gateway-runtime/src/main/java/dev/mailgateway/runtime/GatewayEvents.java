package dev.mailgateway.runtime;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Where events go: any listener an application, a test, the mail log or the meters register,
 * java.util.logging (logger {@value #LOGGER}, level INFO, for an embedding application's own
 * log), and a history of the most recent ones (bounded: a gateway runs for months).
 */
public final class GatewayEvents {

  /** The logger events go to; {@code gateway run} turns it off and writes its mail log instead. */
  public static final String LOGGER = "dev.mailgateway.runtime.events";
  /** How many events the history keeps. */
  public static final int HISTORY = 10_000;

  /**
   * Looked up at the first event, not when a gateway starts: finding the system's logger looks
   * for services in every jar on the class path, a tenth of a second of a first start.
   */
  private static final class Log {
    static final System.Logger LOG = System.getLogger(LOGGER);
  }

  private final Clock clock;
  private final List<Consumer<GatewayEvent>> listeners = new CopyOnWriteArrayList<>();
  /** The last events, in a ring: recorded without a lock, by many sessions at once. */
  private final AtomicReferenceArray<GatewayEvent> recent = new AtomicReferenceArray<>(HISTORY);
  private final AtomicLong recorded = new AtomicLong();

  /** Events stamped by a clock. */
  public GatewayEvents(Clock clock) {
    this.clock = clock;
  }

  /** Registers a listener; it is called on the thread that records the event. */
  public void listen(Consumer<GatewayEvent> listener) {
    listeners.add(listener);
  }

  /** Stops calling a listener. */
  public void unlisten(Consumer<GatewayEvent> listener) {
    listeners.remove(listener);
  }

  /** The events so far, oldest first: all of them, or the last {@link #HISTORY}. */
  public List<GatewayEvent> all() {
    long end = recorded.get();
    List<GatewayEvent> events = new ArrayList<>();
    for (long n = Math.max(0, end - HISTORY); n < end; n++) {
      GatewayEvent event = recent.get((int) (n % HISTORY));
      // Null while an event being recorded has its number but not yet its place.
      if (event != null) {
        events.add(event);
      }
    }
    return events;
  }

  /**
   * A client as Postfix names it in its log: {@code name[address]}. The runtime looks up no
   * client names, so the name is {@code unknown}, as Postfix writes it without a name lookup.
   */
  public static String client(InetAddress address) {
    return "unknown[" + address.getHostAddress() + "]";
  }

  /** Fields in the order given: names and values, alternating. */
  public static Map<String, String> fields(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("a field without a value: " + namesAndValues[namesAndValues.length - 1]);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fields.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return fields;
  }

  /** Records an event with its particulars in words only. */
  public void record(String queueId, GatewayEvent.Kind kind, String detail) {
    record(queueId, kind, detail, Map.of());
  }

  /** Records an event. */
  public void record(String queueId, GatewayEvent.Kind kind, String detail,
      Map<String, String> fields) {
    GatewayEvent event = new GatewayEvent(clock.instant(), queueId, kind, detail, fields);
    recent.set((int) (recorded.getAndIncrement() % HISTORY), event);
    if (Log.LOG.isLoggable(System.Logger.Level.INFO)) {
      Log.LOG.log(System.Logger.Level.INFO, event.toString());
    }
    listeners.forEach(listener -> listener.accept(event));
  }
}
