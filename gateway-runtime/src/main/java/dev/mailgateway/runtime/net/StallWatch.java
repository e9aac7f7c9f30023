package dev.mailgateway.runtime.net;

import dev.mailgateway.runtime.DaemonThreads;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread that keeps the deadlines of every guarded socket operation in the process and cuts
 * off the ones that outlast them. A socket read with {@code SO_TIMEOUT} costs a poll(2) and a
 * second read(2) each time it has to wait, and Angus's write timeout schedules and cancels a task
 * on another thread for every write: under load these were a fifth of the gateway's processor
 * time. Arming a deadline here is a clock reading and a field write. The price is precision: a
 * deadline is noticed within a tenth of the shortest timeout in use (at most a second).
 */
final class StallWatch {

  private static final long MAX_TICK = Duration.ofSeconds(1).toNanos();
  private static final long MIN_TICK = Duration.ofMillis(10).toNanos();
  private static final StallWatch SHARED = new StallWatch();

  private final Set<SocketGuard> guards = ConcurrentHashMap.newKeySet();
  private volatile long tick = MAX_TICK;
  private volatile Thread thread;

  private StallWatch() {}

  /** The watch of this process. */
  static StallWatch shared() {
    return SHARED;
  }

  /** Watches a guard until it is released; its timeout sets how often the watch looks. */
  void watch(SocketGuard guard) {
    long wanted = Math.max(MIN_TICK, guard.timeoutNanos() / 10);
    guards.add(guard);
    Thread running = thread;
    if (running == null) {
      running = start();
    }
    if (wanted < tick) {
      tick = wanted;
      LockSupport.unpark(running);
    }
  }

  void release(SocketGuard guard) {
    guards.remove(guard);
  }

  private synchronized Thread start() {
    if (thread == null) {
      Thread started = new DaemonThreads("socket-stall-watch").newThread(this::run);
      started.start();
      thread = started;
    }
    return thread;
  }

  private void run() {
    while (true) {
      LockSupport.parkNanos(this, tick);
      long now = System.nanoTime();
      for (SocketGuard guard : guards) {
        guard.expireIfDue(now);
      }
    }
  }
}
