package dev.mailgateway.runtime.receive;

import java.net.InetAddress;

/** Told of every command refused in a session, as Postfix logs "NOQUEUE: reject: ...". */
@FunctionalInterface
public interface RejectionLog {

  /** Logs nothing. */
  RejectionLog NONE = (client, command, reply) -> { };

  /**
   * A refusal.
   *
   * @param command the command refused, such as {@code RCPT TO:<x@y>}
   * @param reply the reply given
   */
  void rejected(InetAddress client, String command, String reply);
}
