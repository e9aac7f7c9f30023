package dev.mailgateway.runtime;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates as message headers write them (RFC 5322), in UTC: Received, Date, Arrival-Date. */
public final class MessageDates {

  private static final DateTimeFormatter RFC_5322 =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** A second and its text: under load most messages of a second share it. */
  private record Formatted(long second, String text) {}

  private static volatile Formatted last = new Formatted(Long.MIN_VALUE, "");

  private MessageDates() {}

  /** The date-time, such as {@code Wed, 25 Nov 2026 10:00:00 +0000}. */
  public static String format(Instant instant) {
    Formatted cached = last;
    if (cached.second() == instant.getEpochSecond()) {
      return cached.text();
    }
    String text = RFC_5322.format(instant);
    last = new Formatted(instant.getEpochSecond(), text);
    return text;
  }
}
