package dev.mailgateway.runtime.deliver;

import dev.mailgateway.api.NextHop;
import dev.mailgateway.runtime.DaemonThreads;
import dev.mailgateway.runtime.GatewayEvent;
import dev.mailgateway.runtime.GatewayEvents;
import dev.mailgateway.runtime.queue.QueueEntry;
import dev.mailgateway.runtime.queue.QueuedContent;
import dev.mailgateway.runtime.queue.Spool;
import dev.mailgateway.runtime.receive.Mailbox;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The queue manager: takes due messages from the queue, groups their recipients by route,
 * delivers, retries with exponential backoff (Postfix's {@code minimal_backoff_time} to {@code
 * maximal_backoff_time}), and bounces what fails for good or outlives the queue lifetime.
 */
public final class DeliveryAgent implements AutoCloseable {

  /** Postfix's minimal_backoff_time. */
  static final Duration MINIMAL_BACKOFF = Duration.ofSeconds(300);
  /** Postfix's maximal_backoff_time. */
  static final Duration MAXIMAL_BACKOFF = Duration.ofSeconds(4000);

  private final Spool spool;
  private final HandlerDelivery handlers;
  /** The routes and lifetimes attempts begun from now on use; a reload replaces them. */
  private volatile Routing routing;
  private final NextHopClient client;
  private final GatewayEvents events;
  private final Clock clock;
  private final Bounces bounces;
  private final Object wake = new Object();
  /** What is queued, by when it is due: fed by the spool's commits and by deferrals. */
  private final java.util.concurrent.PriorityBlockingQueue<QueueEntry> schedule =
      new java.util.concurrent.PriorityBlockingQueue<>(64, QueueEntry.BY_NEXT_ATTEMPT);
  private final java.util.Set<String> attempting = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** The messages an operator holds: off the schedule, counted for the meters. */
  private final java.util.Set<String> held = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** What an operator asked of a message while an attempt was under way, run after it. */
  private final Map<String, Runnable> afterAttempt = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile boolean running = true;
  private final Thread thread;
  /**
   * Parallel deliveries to the content filter after the queue: the rendered master.cf's
   * smtp-amavis process limit, and Amavis's {@code $max_servers}. amavisd serves one session per
   * child; a connection beyond its children waits unanswered in its listen queue.
   */
  static final int CONTENT_FILTER_CONCURRENCY = 2;

  private final java.util.concurrent.Semaphore contentFilterSlots =
      new java.util.concurrent.Semaphore(CONTENT_FILTER_CONCURRENCY, true);

  /** Parallel deliveries, like Postfix's default_destination_concurrency_limit. */
  private final java.util.concurrent.ThreadPoolExecutor workers =
      (java.util.concurrent.ThreadPoolExecutor) java.util.concurrent.Executors.newFixedThreadPool(20,
          new DaemonThreads("delivery-worker"));

  /**
   * A delivery agent; {@link #start()} sets it going.
   *
   * @param lifetime {@code maximal_queue_lifetime}
   * @param bounceLifetime {@code bounce_queue_lifetime}
   */
  public DeliveryAgent(String hostname, Spool spool, Router router, NextHopClient client,
      GatewayEvents events, Clock clock, Duration lifetime, Duration bounceLifetime) {
    this(hostname, spool, router, client, events, clock, lifetime, bounceLifetime, Map.of());
  }

  /**
   * A delivery agent that also delivers to an application's handlers.
   *
   * @param handlers the handlers by name, which transport entries {@code app:NAME} name
   */
  public DeliveryAgent(String hostname, Spool spool, Router router, NextHopClient client,
      GatewayEvents events, Clock clock, Duration lifetime, Duration bounceLifetime,
      Map<String, dev.mailgateway.api.MailHandler> handlers) {
    this.handlers = new HandlerDelivery(handlers);
    this.spool = spool;
    this.routing = new Routing(router, lifetime, bounceLifetime);
    this.client = client;
    this.events = events;
    this.clock = clock;
    this.bounces = new Bounces(hostname, spool, clock, events);
    this.thread = new DaemonThreads("delivery").newThread(this::loop);
    spool.listen(this::schedule);
  }

  /** Learns the queue as it is on disk and starts delivering in the background. */
  public void start() {
    try {
      for (QueueEntry entry : spool.entries()) {
        if (entry.held()) {
          held.add(entry.id());
        } else {
          schedule.add(entry);
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read the queue", e);
    }
    thread.start();
  }

  /** Schedules a newly committed message: the spool's listener, no queue scan needed. */
  private void schedule(QueueEntry entry) {
    if (!entry.held()) {
      schedule.add(entry);
      wake();
    }
  }

  /** Tells the agent to look at its schedule now. */
  public void wake() {
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  private void loop() {
    while (running) {
      dispatchDue();
      synchronized (wake) {
        try {
          QueueEntry next = schedule.peek();
          long millis = next == null ? 1000 : Math.max(1, Math.min(1000,
              Duration.between(clock.instant(), next.nextAttempt()).toMillis()));
          wake.wait(millis);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** Hands every due message to a worker; returns their attempts. */
  private List<java.util.concurrent.Future<?>> dispatchDue() {
    Instant now = clock.instant();
    List<java.util.concurrent.Future<?>> attempts = new ArrayList<>();
    for (QueueEntry head = schedule.peek(); running && head != null
        && !head.nextAttempt().isAfter(now); head = schedule.peek()) {
      QueueEntry entry = schedule.poll();
      if (entry == null) {
        break;
      }
      // In flight from here, not from when a worker takes it up: an operator's hold or delete
      // meanwhile must wait for the attempt, not be overwritten by it.
      attempting.add(entry.id());
      try {
        attempts.add(workers.submit(() -> {
          try {
            attempt(entry);
          } catch (IOException | RuntimeException e) {
            System.getLogger("dev.mailgateway.runtime").log(System.Logger.Level.WARNING,
                "delivery attempt of " + entry.id() + " failed: " + e);
            schedule.add(entry.deferred(entry.recipients(), clock.instant().plus(MINIMAL_BACKOFF),
                String.valueOf(e.getMessage())));
          }
          return null;
        }));
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        attempting.remove(entry.id());
        schedule.add(entry);
        break;
      }
    }
    return attempts;
  }

  /**
   * Attempts every message that is due now, as the queue on disk says, and waits for the
   * attempts: what a test with a clock of its own, or a changed queue, calls.
   */
  public void runDue() throws IOException {
    List<QueueEntry> onDisk = spool.entries();
    java.util.Set<String> ids = new java.util.HashSet<>();
    onDisk.forEach(e -> ids.add(e.id()));
    schedule.removeIf(scheduled -> ids.contains(scheduled.id()));
    schedule.addAll(onDisk.stream().filter(e -> !inFlight(e) && !e.held()).toList());
    for (java.util.concurrent.Future<?> attempt : dispatchDue()) {
      try {
        attempt.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (java.util.concurrent.ExecutionException e) {
        System.getLogger("dev.mailgateway.runtime").log(System.Logger.Level.WARNING,
            "a delivery attempt failed: " + e.getCause());
      }
    }
  }

  private boolean inFlight(QueueEntry entry) {
    return attempting.contains(entry.id());
  }

  private void attempt(QueueEntry entry) throws IOException {
    try {
      deliver(entry);
    } finally {
      // No lock on every attempt: a change asked for meanwhile is run by whichever side sees it
      // last, the attempt here or whenIdle, and the map's remove lets only one of them run it.
      attempting.remove(entry.id());
      Runnable then = afterAttempt.remove(entry.id());
      if (then != null) {
        then.run();
      }
    }
  }

  /**
   * Runs an operator's change of a message now, or, while an attempt at it is under way, once
   * the attempt has ended: the change then sees what the attempt left (nothing, if it was
   * delivered).
   */
  void whenIdle(String id, Runnable change) {
    if (attempting.contains(id)) {
      afterAttempt.merge(id, change, (first, second) -> () -> {
        first.run();
        second.run();
      });
      if (attempting.contains(id)) {
        return;
      }
      // The attempt ended meanwhile, maybe before it looked for changes: run what is left here.
      Runnable left = afterAttempt.remove(id);
      if (left != null) {
        left.run();
      }
      return;
    }
    change.run();
  }

  /** Whether an attempt at a message is under way. */
  boolean attempting(String id) {
    return attempting.contains(id);
  }

  /** Takes a message off the schedule (it was held, deleted or is due at another time). */
  void unschedule(String id) {
    schedule.removeIf(scheduled -> scheduled.id().equals(id));
  }

  /** Notes that a message is held, or no longer (released, or gone). */
  void holding(String id, boolean hold) {
    if (hold) {
      held.add(id);
    } else {
      held.remove(id);
    }
  }

  /**
   * The queue by state, from what the agent holds in memory (the queue on disk is not read):
   * being delivered or never tried yet is active, tried before is deferred, held is held.
   */
  public java.util.Map<dev.mailgateway.api.QueuedMessage.State, Integer> counts() {
    int fresh = 0;
    int deferred = 0;
    for (QueueEntry entry : schedule) {
      if (entry.attempts() == 0) {
        fresh++;
      } else {
        deferred++;
      }
    }
    return java.util.Map.of(dev.mailgateway.api.QueuedMessage.State.ACTIVE, fresh + attempting.size(),
        dev.mailgateway.api.QueuedMessage.State.DEFERRED, deferred,
        dev.mailgateway.api.QueuedMessage.State.HOLD, held.size());
  }

  /** Schedules a message again, at its time (now, for a flushed or released one). */
  void reschedule(QueueEntry entry) {
    unschedule(entry.id());
    schedule(entry);
  }

  /** Where mail goes, and how long the queue keeps it: the policy's, as of the last reload. */
  private record Routing(Router router, Duration lifetime, Duration bounceLifetime) { }

  /** Attempts begun from now on route and expire by these; attempts under way keep theirs. */
  public void use(Router router, Duration lifetime, Duration bounceLifetime) {
    routing = new Routing(router, lifetime, bounceLifetime);
  }

  private void deliver(QueueEntry entry) throws IOException {
    Instant started = clock.instant();
    Routing routing = this.routing;
    Router router = routing.router();
    Map<Route, List<Mailbox>> byRoute = new LinkedHashMap<>();
    entry.recipients().forEach(r -> byRoute.computeIfAbsent(entry.contentFilter()
        .map(filter -> new Route("smtp", Optional.of(filter), "content filter"))
        .orElseGet(() -> router.route(r)), k -> new ArrayList<>()).add(r));
    List<Mailbox> deferred = new ArrayList<>();
    Map<Mailbox, String> failed = new LinkedHashMap<>();
    Map<Mailbox, String> relays = new java.util.HashMap<>();
    String lastError = "";
    for (Map.Entry<Route, List<Mailbox>> group : byRoute.entrySet()) {
      Route route = group.getKey();
      List<Mailbox> recipients = group.getValue();
      switch (route.service()) {
        case "discard" -> recipients.forEach(r -> delivery(entry, started, r, "none", "sent",
            "2.0.0", route.text().isEmpty() ? "discarded" : route.text()));
        case "error" -> recipients.forEach(r -> failed.put(r, route.text()));
        case "retry" -> {
          deferred.addAll(recipients);
          lastError = route.text();
        }
        default -> {
          DeliveryResult result = route.service().equals("app")
              ? handlers.deliver(route.text(), entry, spool, recipients)
              : entry.contentFilter().isPresent()
                  ? sendToContentFilter(entry, route.nextHop().orElseThrow(), recipients)
                  : send(entry, route.nextHop().orElseThrow(), recipients);
          result.delivered().forEach(r -> delivery(entry, started, r, result.relay(), "sent",
              DeliveryStatus.of(result.reply(), '2'), result.reply()));
          result.deferred().forEach(r -> relays.put(r, result.relay()));
          result.failed().forEach(r -> relays.put(r, result.relay()));
          deferred.addAll(result.deferred());
          result.failed().forEach(r -> failed.put(r, result.reply()));
          if (!result.deferred().isEmpty()) {
            lastError = result.reply();
          }
        }
      }
    }
    Instant now = clock.instant();
    Duration limit = entry.sender().isEmpty() ? routing.bounceLifetime() : routing.lifetime();
    if (!deferred.isEmpty() && !Duration.between(entry.received(), now).minus(limit).isNegative()) {
      for (Mailbox r : deferred) {
        failed.put(r, "delivery temporarily suspended: " + lastError + " (expired after "
            + limit.toDays() + " days in the queue)");
      }
      deferred.clear();
    }
    if (!failed.isEmpty()) {
      failed.forEach((r, why) -> delivery(entry, started, r, relays.getOrDefault(r, "none"),
          "bounced", DeliveryStatus.of(why, '5'), why));
      bounces.send(entry, failed);
    }
    if (deferred.isEmpty()) {
      spool.remove(entry.id());
      events.record(entry.id(), GatewayEvent.Kind.REMOVED, "removed");
      return;
    }
    Duration backoff = backoff(entry.attempts() + 1);
    String why = lastError;
    deferred.forEach(r -> delivery(entry, started, r, relays.getOrDefault(r, "none"), "deferred",
        DeliveryStatus.of(why, '4'), why));
    QueueEntry later = entry.deferred(deferred, now.plus(backoff), lastError);
    spool.update(later);
    schedule.add(later);
  }

  /**
   * Records what became of one recipient, as Postfix's delivery agents log it: {@code to=<b@c>,
   * relay=h[a]:p, delay=0.12, delays=0/0.01/0/0.11, dsn=2.0.0, status=sent (250 ...)}. The
   * delays are Postfix's four: before the queue manager (nothing: a committed message is
   * scheduled at once), in the queue, connection set-up (counted in the last: the client does
   * not tell them apart) and transmission.
   */
  private void delivery(QueueEntry entry, Instant started, Mailbox recipient, String relay,
      String status, String dsn, String reply) {
    Instant now = clock.instant();
    Duration inQueue = Duration.between(entry.received(), started);
    Duration sending = Duration.between(started, now);
    String delay = DeliveryStatus.seconds(inQueue.plus(sending));
    String delays = "0/" + DeliveryStatus.seconds(inQueue) + "/0/" + DeliveryStatus.seconds(sending);
    GatewayEvent.Kind kind = switch (status) {
      case "sent" -> GatewayEvent.Kind.SENT;
      case "deferred" -> GatewayEvent.Kind.DEFERRED;
      default -> GatewayEvent.Kind.BOUNCED;
    };
    String text = reply.replace('\r', ' ').replace('\n', ' ');
    events.record(entry.id(), kind, "to=<" + recipient + ">, relay=" + relay + ", status=" + status
            + " (" + text + ")",
        GatewayEvents.fields("to", "<" + recipient + ">", "relay", relay, "delay", delay,
            "delays", delays, "dsn", dsn, "status", status, "reply", text));
  }

  private DeliveryResult sendToContentFilter(QueueEntry entry, NextHop hop,
      List<Mailbox> recipients) throws IOException {
    try {
      contentFilterSlots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new DeliveryResult(List.of(), recipients, List.of(), "stopping");
    }
    try {
      return send(entry, hop, recipients);
    } finally {
      contentFilterSlots.release();
    }
  }

  private DeliveryResult send(QueueEntry entry, NextHop hop, List<Mailbox> recipients)
      throws IOException {
    QueuedContent content = spool.content(entry.id());
    DeliveryResult result = null;
    for (NextHop host : MxHosts.of(hop)) {
      result = client.send(host, entry.sender(), recipients, content);
      if (result.deferred().isEmpty()) {
        return result;
      }
    }
    return result;
  }

  /** The wait before attempt n+1: doubling from the minimal backoff up to the maximal one. */
  static Duration backoff(int attempts) {
    Duration wait = MINIMAL_BACKOFF;
    for (int i = 1; i < attempts && wait.compareTo(MAXIMAL_BACKOFF) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(MAXIMAL_BACKOFF) > 0 ? MAXIMAL_BACKOFF : wait;
  }

  @Override
  public void close() {
    running = false;
    wake();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Attempts not begun stay queued for the next start; the ones under way finish (or time
    // out) before the queue is let go. Not interrupted: an interrupt closes the queue file's
    // channel under the attempt, which then fails noisily, possibly after the next hop took it.
    List<Runnable> notBegun = new java.util.ArrayList<>();
    workers.getQueue().drainTo(notBegun);
    notBegun.forEach(task -> ((java.util.concurrent.Future<?>) task).cancel(false));
    workers.shutdown();
    try {
      if (!workers.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    }
    if (client instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        System.getLogger("dev.mailgateway.runtime").log(System.Logger.Level.WARNING,
            "closing the SMTP client: " + e);
      }
    }
  }
}
