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
 */
public record SmtpLimits(int lineLength, long messageSize, int recipients, Duration commandTimeout,
    long minDataRate, int errors, int connections, int connectionsPerClient) {

  /** Postfix's defaults. */
  public static SmtpLimits postfixDefaults() {
    return new SmtpLimits(2048, 10_240_000, 1000, Duration.ofSeconds(300), 500, 20, 100, 50);
  }

  /** The same limits with another message size. */
  public SmtpLimits withMessageSize(long bytes) {
    return new SmtpLimits(lineLength, bytes, recipients, commandTimeout, minDataRate, errors,
        connections, connectionsPerClient);
  }

  /** The same limits with another command timeout. */
  public SmtpLimits withCommandTimeout(Duration timeout) {
    return new SmtpLimits(lineLength, messageSize, recipients, timeout, minDataRate, errors,
        connections, connectionsPerClient);
  }
}
