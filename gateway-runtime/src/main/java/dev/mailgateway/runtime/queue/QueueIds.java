package dev.mailgateway.runtime.queue;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** Queue ids: the time in microseconds and a counter, in upper-case hex, unique per process. */
final class QueueIds {

  private static final SecureRandom RANDOM = new SecureRandom();
  private final AtomicLong last = new AtomicLong();
  private final int salt = RANDOM.nextInt(0x1000);
  private final Clock clock;

  QueueIds(Clock clock) {
    this.clock = clock;
  }

  /**
   * Whether a text has the form of a queue id (upper-case hex), so that a name from outside
   * never becomes a path that leaves the queue folder.
   */
  static boolean looksLikeOne(String text) {
    return text.matches("[0-9A-F]{1,32}");
  }

  String next() {
    long now = clock.instant().toEpochMilli() * 1000;
    long id = last.updateAndGet(previous -> Math.max(previous + 1, now));
    return String.format(Locale.ROOT, "%013X%03X", id, salt);
  }
}
