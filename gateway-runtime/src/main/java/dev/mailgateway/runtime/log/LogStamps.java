package dev.mailgateway.runtime.log;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The time at the start of a log line, formatted once a second and kept: formatting a date per
 * line would cost more than writing it.
 */
final class LogStamps {

  private final DateTimeFormatter format;
  private long second = Long.MIN_VALUE;
  private String stamp = "";

  LogStamps(String pattern, ZoneId zone) {
    this.format = DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(zone);
  }

  /** The stamp of an instant, to the second. */
  synchronized String of(Instant time) {
    long epochSecond = time.getEpochSecond();
    if (epochSecond != second) {
      second = epochSecond;
      stamp = format.format(time);
    }
    return stamp;
  }
}
