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
 * @param softErrors the errors after which every reply waits {@code errorSleep} ({@code
 *     smtpd_soft_error_limit})
 * @param errorSleep how long each reply waits past the soft error limit ({@code
 *     smtpd_error_sleep_time})
 * @param junkCommands how many HELO, EHLO, RSET, NOOP, VRFY commands a client may send before each
 *     further one counts as an error, until a message is queued ({@code
 *     smtpd_junk_command_limit})
 * @param trustedExemptFromClientLimits whether mynetworks is exempt from the per-client limit
 *     ({@code smtpd_client_event_limit_exceptions} names {@code $mynetworks}, as by default)
 * @param limitExceptions the networks {@code smtpd_client_event_limit_exceptions} lists besides
 */
public record SmtpLimits(int lineLength, long messageSize, int recipients, Duration commandTimeout,
    long minDataRate, int errors, int connections, int connectionsPerClient,
    int recipientOvershoot, int softErrors, Duration errorSleep, int junkCommands,
    boolean trustedExemptFromClientLimits, java.util.List<dev.mailgateway.api.Cidr> limitExceptions) {

  /** Copies the exceptions. */
  public SmtpLimits {
    limitExceptions = java.util.List.copyOf(limitExceptions);
  }

  /** Postfix's defaults. */
  public static SmtpLimits postfixDefaults() {
    return new SmtpLimits(2048, 10_240_000, 1000, Duration.ofSeconds(300), 500, 20, 100, 50, 1000,
        10, Duration.ofSeconds(1), 100, true, java.util.List.of());
  }

  /**
   * Postfix's defaults with the policy's raw overrides of the same parameters applied: {@code
   * message_size_limit}, {@code smtpd_recipient_limit}, {@code smtpd_timeout}, {@code
   * smtpd_min_data_rate}, {@code smtpd_hard_error_limit}, {@code default_process_limit}, {@code
   * smtpd_client_connection_count_limit} (0 means no limit, as in Postfix), {@code
   * smtpd_recipient_overshoot_limit}, {@code smtpd_soft_error_limit}, {@code
   * smtpd_error_sleep_time} and {@code smtpd_junk_command_limit}.
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
    int soft = (int) number(overrides, "smtpd_soft_error_limit", d.softErrors());
    Duration sleep = overrides.containsKey("smtpd_error_sleep_time")
        ? dev.mailgateway.api.PostfixDuration.parse(overrides.get("smtpd_error_sleep_time"), 's')
            .toDuration()
        : d.errorSleep();
    int junk = (int) number(overrides, "smtpd_junk_command_limit", d.junkCommands());
    String exceptions = overrides.getOrDefault("smtpd_client_event_limit_exceptions", "$mynetworks");
    java.util.List<dev.mailgateway.api.Cidr> listed = new java.util.ArrayList<>();
    for (String item : exceptions.split("[\\s,]+")) {
      if (!item.isEmpty() && !item.contains("mynetworks")) {
        try {
          listed.add(dev.mailgateway.api.Cidr.parse(item));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("smtpd_client_event_limit_exceptions = " + exceptions
              + ": '" + item + "' is neither $mynetworks nor a network", e);
        }
      }
    }
    return new SmtpLimits(d.lineLength(), size == 0 ? Long.MAX_VALUE : size,
        recipients == 0 ? Integer.MAX_VALUE : recipients, timeout, rate, errors,
        processes == 0 ? Integer.MAX_VALUE : processes, perClient == 0 ? Integer.MAX_VALUE : perClient,
        overshoot, soft, sleep, junk,
        exceptions.contains("mynetworks"), listed);
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
