package dev.mailgateway.runtime.net;

import java.io.IOException;
import java.time.Duration;

/**
 * A server socket whose accepted connections are {@link WatchedSocket}s with one timeout for each
 * read and write: Postfix's {@code smtpd_timeout}.
 */
public final class WatchingServerSocket extends java.net.ServerSocket {

  private final Duration timeout;

  /**
   * An unbound server socket.
   *
   * @throws IOException when the socket cannot be made
   */
  public WatchingServerSocket(Duration timeout) throws IOException {
    this.timeout = timeout;
  }

  @Override
  public WatchedSocket accept() throws IOException {
    WatchedSocket socket = new WatchedSocket(timeout);
    implAccept(socket);
    return socket;
  }
}
