package dev.mailgateway.runtime.receive;

import java.net.InetAddress;
import java.util.Map;

/**
 * The reply and the log of a client over {@code smtpd_client_connection_count_limit}, whether
 * the listener counts it at once or a session once its load balancer has named it.
 */
final class ClientConnectionLimit {

  private ClientConnectionLimit() { }

  static String reply(SessionPolicy policy, InetAddress client) {
    return "421 4.7.0 " + policy.hostname() + " Error: too many connections from "
        + client.getHostAddress();
  }

  /** Logs as anvil counts: the connection refused is one over the limit. */
  static void log(SessionLog log, SessionPolicy policy, InetAddress client) {
    log.turnedAway(client, "smtpd_client_connection_count_limit", reply(policy, client),
        Map.of("count", Integer.toString(policy.limits().connectionsPerClient() + 1)));
  }
}
