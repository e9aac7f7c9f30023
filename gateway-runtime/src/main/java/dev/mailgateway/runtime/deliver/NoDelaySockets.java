package dev.mailgateway.runtime.deliver;

import dev.mailgateway.runtime.net.WatchedSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.SocketFactory;

/**
 * Plain sockets for the SMTP client, with Nagle's algorithm off and a deadline on every read and
 * write. Angus writes a command, or the end of a message, in small pieces and then waits for the
 * reply: with Nagle on, the last piece waits for the acknowledgement the server delays, some 40 ms
 * a message. The deadlines are the {@link WatchedSocket}'s rather than Angus's {@code
 * mail.smtp.timeout} and {@code mail.smtp.writetimeout}, which cost a poll per read and a task on
 * another thread per write.
 */
final class NoDelaySockets extends SocketFactory {

  private final Duration timeout;

  NoDelaySockets(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public Socket createSocket() throws IOException {
    Socket socket = new WatchedSocket(timeout);
    socket.setTcpNoDelay(true);
    return socket;
  }

  /** A socket connected to the remote address, from the local one if given. */
  private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
    Socket socket = createSocket();
    if (local != null) {
      socket.bind(local);
    }
    socket.connect(remote);
    return socket;
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress,
      int localPort) throws IOException {
    return connected(new InetSocketAddress(address, port),
        new InetSocketAddress(localAddress, localPort));
  }
}
