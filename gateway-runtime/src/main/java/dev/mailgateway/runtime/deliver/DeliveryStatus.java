package dev.mailgateway.runtime.deliver;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The DSN status and the delays of a delivery as Postfix writes them in its log. */
final class DeliveryStatus {

  private static final Pattern ENHANCED = Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");

  private DeliveryStatus() {}

  /**
   * The enhanced status code in a reply, of the class the outcome has ({@code 2}, {@code 4},
   * {@code 5}); {@code 4.4.1} for a next hop that could not be reached (Postfix's "connect to"),
   * else {@code X.0.0}.
   */
  static String of(String reply, char outcome) {
    Matcher code = ENHANCED.matcher(reply);
    if (code.find()) {
      return outcome + "." + code.group(2) + "." + code.group(3);
    }
    if (reply.startsWith("connect to ")) {
      return outcome + ".4.1";
    }
    return outcome + ".0.0";
  }

  /**
   * Seconds as Postfix's log writes a delay: whole seconds from ten on, one decimal from one
   * on, two below, with trailing zeros left out ({@code 35}, {@code 1.2}, {@code 0.08}, {@code 0}).
   */
  static String seconds(Duration duration) {
    // Hundredths, rounded, written by hand: String.format per delivery line cost more than the line.
    long hundredths = Math.max(0, (duration.toNanos() + 5_000_000) / 10_000_000);
    if (hundredths >= 1000) {
      return Long.toString((hundredths + 50) / 100);
    }
    if (hundredths >= 100) {
      long tenths = (hundredths + 5) / 10;
      return tenths % 10 == 0 ? Long.toString(tenths / 10) : tenths / 10 + "." + tenths % 10;
    }
    if (hundredths == 0) {
      return "0";
    }
    String fraction = hundredths < 10 ? "0" + hundredths : Long.toString(hundredths);
    return "0." + (fraction.endsWith("0") ? fraction.substring(0, 1) : fraction);
  }
}
