package dev.mailgateway.runtime.receive;

import java.net.InetAddress;
import java.util.Map;

/**
 * Told of what a session does that Postfix's smtpd logs: the connection, each command a
 * restriction refused ({@code NOQUEUE: reject: ...}), and the disconnection with the count of
 * commands.
 */
public interface SessionLog {

  /** Logs nothing. */
  SessionLog NONE = new SessionLog() { };

  /** A client connected. */
  default void connected(InetAddress client) { }

  /**
   * A restriction refused a command.
   *
   * @param command the command refused, such as {@code RCPT TO:<x@y>}
   * @param reply the reply given
   * @param context what Postfix writes after the reply: {@code from}, {@code to}, {@code proto},
   *     {@code helo}, each where the session has it
   */
  default void rejected(InetAddress client, String command, String reply,
      Map<String, String> context) { }

  /**
   * A limit or a TLS requirement turned a client or a command away: a client over its connection limit,
   * a session with too many errors, a recipient over the limit, mail before STARTTLS.
   *
   * @param parameter the Postfix parameter that sets what was exceeded or required: {@code
   *     smtpd_client_connection_count_limit}, {@code
   *     smtpd_hard_error_limit}, {@code smtpd_recipient_limit} or {@code smtpd_enforce_tls}
   * @param reply the reply given
   * @param context what Postfix writes with it: {@code count} for a connection limit, the
   *     {@code command} that made the last error for the error limit
   */
  default void turnedAway(InetAddress client, String parameter, String reply,
      Map<String, String> context) { }

  /**
   * The session ended.
   *
   * @param commands the commands by name, as Postfix counts them: {@code ehlo=1 mail=1 rcpt=0/1
   *     quit=1 commands=3/4}
   */
  default void disconnected(InetAddress client, String commands) { }
}
