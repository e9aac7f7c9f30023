package dev.mailgateway.api;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How to run a gateway in this process: where it listens and where it queues.
 *
 * @param host the address to listen on
 * @param port the port; 0 picks a free one
 * @param spool the queue folder; empty keeps the queue in memory (for tests)
 */
public record GatewayOptions(String host, int port, Optional<Path> spool) {

  /** Loopback, a free port, the queue in memory: what a test wants. */
  public static GatewayOptions forTests() {
    return new GatewayOptions("127.0.0.1", 0, Optional.empty());
  }

  /** The same options listening elsewhere. */
  public GatewayOptions listening(String listenHost, int listenPort) {
    return new GatewayOptions(listenHost, listenPort, spool);
  }

  /** The same options with a durable queue in a folder. */
  public GatewayOptions spooledIn(Path folder) {
    return new GatewayOptions(host, port, Optional.of(folder));
  }
}
