package dev.mailgateway.runtime.receive;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The commands of one session, counted as Postfix's smtpd counts them for its {@code disconnect
 * from} line: per command, those that succeeded and, where some failed, all of them ({@code
 * rcpt=1/3}); then the total. In the order of smtpd's command table, so that the line reads as
 * Postfix's does.
 */
final class CommandCounts {

  private static final List<String> ORDER = List.of("helo", "ehlo", "starttls", "auth", "mail",
      "rcpt", "data", "bdat", "rset", "noop", "vrfy", "etrn", "quit");

  private final Map<String, int[]> counts = new LinkedHashMap<>();

  /** Counts a command by its verb; verbs smtpd does not know count as {@code unknown}. */
  void count(String verb, boolean succeeded) {
    String name = verb.toLowerCase(Locale.ROOT);
    int[] count = counts.computeIfAbsent(ORDER.contains(name) ? name : "unknown", k -> new int[2]);
    count[1]++;
    if (succeeded) {
      count[0]++;
    }
  }

  /** The counts as smtpd writes them: {@code ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    int succeeded = 0;
    int total = 0;
    for (String name : ORDER) {
      succeeded += append(text, name, counts.get(name));
      total += counts.getOrDefault(name, new int[2])[1];
    }
    succeeded += append(text, "unknown", counts.get("unknown"));
    total += counts.getOrDefault("unknown", new int[2])[1];
    text.append(" commands=").append(succeeded);
    // Postfix writes a session without commands as 0/0.
    if (succeeded != total || total == 0) {
      text.append('/').append(total);
    }
    return text.substring(1);
  }

  private static int append(StringBuilder text, String name, int[] count) {
    if (count == null) {
      return 0;
    }
    text.append(' ').append(name).append('=').append(count[0]);
    if (count[0] != count[1]) {
      text.append('/').append(count[1]);
    }
    return count[0];
  }
}
