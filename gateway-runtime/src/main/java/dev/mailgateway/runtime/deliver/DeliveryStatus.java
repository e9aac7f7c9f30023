package dev.mailgateway.runtime.deliver;

import java.time.Duration;

/** The DSN status and the delays of a delivery as Postfix writes them in its log. */
final class DeliveryStatus {

  private DeliveryStatus() {}

  /**
   * The enhanced status code in a reply, of the class the outcome has ({@code 2}, {@code 4},
   * {@code 5}); {@code 4.4.1} for a next hop that could not be reached (Postfix's "connect to"),
   * else {@code X.0.0}.
   */
  static String of(String reply, char outcome) {
    // Scanned by hand: a regular expression per delivery line showed in the profile.
    for (int i = 0; i + 4 < reply.length(); i++) {
      char c = reply.charAt(i);
      if ((c == '2' || c == '4' || c == '5') && reply.charAt(i + 1) == '.'
          && (i == 0 || !Character.isLetterOrDigit(reply.charAt(i - 1)))) {
        int second = digits(reply, i + 2);
        if (second > i + 2 && second < reply.length() && reply.charAt(second) == '.') {
          int third = digits(reply, second + 1);
          if (third > second + 1 && (third == reply.length() || !Character.isLetterOrDigit(reply.charAt(third)))) {
            return outcome + reply.substring(i + 1, third);
          }
        }
      }
    }
    if (reply.startsWith("connect to ")) {
      return outcome + ".4.1";
    }
    return outcome + ".0.0";
  }

  /** Where a run of one to three digits from {@code from} ends; {@code from} when there is none. */
  private static int digits(String text, int from) {
    int end = from;
    while (end < text.length() && end - from < 3 && Character.isDigit(text.charAt(end))) {
      end++;
    }
    return end;
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
