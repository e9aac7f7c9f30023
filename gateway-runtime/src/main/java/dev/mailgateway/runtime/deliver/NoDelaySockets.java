package dev.mailgateway.runtime.deliver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import dev.mailgateway.runtime.net.WatchedSocket;
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

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    Socket socket = createSocket();
    socket.connect(new InetSocketAddress(host, port));
    return socket;
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    Socket socket = createSocket();
    socket.bind(new InetSocketAddress(localHost, localPort));
    socket.connect(new InetSocketAddress(host, port));
    return socket;
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    Socket socket = createSocket();
    socket.connect(new InetSocketAddress(host, port));
    return socket;
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress,
      int localPort) throws IOException {
    Socket socket = createSocket();
    socket.bind(new InetSocketAddress(localAddress, localPort));
    socket.connect(new InetSocketAddress(address, port));
    return socket;
  }
}
