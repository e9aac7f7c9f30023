package dev.mailgateway.runtime.receive;

import java.time.Duration;

/**
 * The bounds of an SMTP session, with Postfix's defaults: nothing a client sends is unbounded.
 *
 * @param lineLength the longest command line, in bytes ({@code line_length_limit})
 * @param messageSize the largest message, in bytes ({@code message_size_limit})
 * @param recipients the most recipients of one message ({@code smtpd_recipient_limit})
 * @param commandTimeout how long a client may take to send one command ({@code smtpd_timeout})
 * @param minDataRate the bytes per second that extend the DATA deadline by a second ({@code
 *     smtpd_min_data_rate})
 * @param errors the errors after which the session is ended ({@code smtpd_hard_error_limit})
 * @param connections the most sessions at once ({@code default_process_limit})
 * @param connectionsPerClient the most sessions of one client address at once ({@code
 *     smtpd_client_connection_count_limit})
 * @param recipientOvershoot how many recipients past the limit are answered 452 before each
 *     further one also counts as an error ({@code smtpd_recipient_overshoot_limit})
 */
public record SmtpLimits(int lineLength, long messageSize, int recipients, Duration commandTimeout,
    long minDataRate, int errors, int connections, int connectionsPerClient,
    int recipientOvershoot) {

  /** Postfix's defaults. */
  public static SmtpLimits postfixDefaults() {
    return new SmtpLimits(2048, 10_240_000, 1000, Duration.ofSeconds(300), 500, 20, 100, 50, 1000);
  }

  /**
   * Postfix's defaults with the policy's raw overrides of the same parameters applied: {@code
   * message_size_limit}, {@code smtpd_recipient_limit}, {@code smtpd_timeout}, {@code
   * smtpd_min_data_rate}, {@code smtpd_hard_error_limit}, {@code default_process_limit}, {@code
   * smtpd_client_connection_count_limit} (0 means no limit, as in Postfix) and {@code
   * smtpd_recipient_overshoot_limit}.
   *
   * @throws IllegalArgumentException naming the parameter whose value is not a number or a time
   */
  public static SmtpLimits fromPostfix(java.util.Map<String, String> overrides) {
    SmtpLimits d = postfixDefaults();
    long size = number(overrides, "message_size_limit", d.messageSize());
    int recipients = (int) number(overrides, "smtpd_recipient_limit", d.recipients());
    Duration timeout = overrides.containsKey("smtpd_timeout")
        ? dev.mailgateway.api.PostfixDuration.parse(overrides.get("smtpd_timeout"), 's').toDuration()
        : d.commandTimeout();
    long rate = number(overrides, "smtpd_min_data_rate", d.minDataRate());
    int errors = (int) number(overrides, "smtpd_hard_error_limit", d.errors());
    int processes = (int) number(overrides, "default_process_limit", d.connections());
    int perClient = (int) number(overrides, "smtpd_client_connection_count_limit",
        d.connectionsPerClient());
    int overshoot = (int) number(overrides, "smtpd_recipient_overshoot_limit",
        d.recipientOvershoot());
    return new SmtpLimits(d.lineLength(), size == 0 ? Long.MAX_VALUE : size,
        recipients == 0 ? Integer.MAX_VALUE : recipients, timeout, rate, errors,
        processes, perClient == 0 ? Integer.MAX_VALUE : perClient, overshoot);
  }

  private static long number(java.util.Map<String, String> overrides, String name, long otherwise) {
    String value = overrides.get(name);
    if (value == null) {
      return otherwise;
    }
    if (!value.strip().matches("\\d{1,18}")) {
      throw new IllegalArgumentException(name + " = " + value + " is not a whole number");
    }
    return Long.parseLong(value.strip());
  }
}
