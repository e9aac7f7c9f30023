package dev.mailgateway.runtime;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates as message headers write them (RFC 5322), in UTC: Received, Date, Arrival-Date. */
public final class MessageDates {

  private static final DateTimeFormatter RFC_5322 =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  private MessageDates() {}

  /** The date-time, such as {@code Wed, 25 Nov 2026 10:00:00 +0000}. */
  public static String format(Instant instant) {
    return RFC_5322.format(instant);
  }
}
