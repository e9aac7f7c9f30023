package dev.mailgateway.runtime.queue;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Queue ids: the time in microseconds and a counter, in upper-case hex, unique per process. */
final class QueueIds {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  private final AtomicLong last = new AtomicLong();
  /** Tells apart two processes' ids of one microsecond; it need not be secret. */
  private final int salt = ThreadLocalRandom.current().nextInt(0x1000);
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
    char[] text = new char[16];
    for (int i = 12; i >= 0; i--, id >>>= 4) {
      text[i] = HEX[(int) (id & 0xf)];
    }
    for (int i = 15, s = salt; i >= 13; i--, s >>>= 4) {
      text[i] = HEX[s & 0xf];
    }
    return new String(text);
  }
}
