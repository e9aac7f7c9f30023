package dev.mailgateway.runtime.scan;

import dev.mailgateway.api.ScannerEndpoint;
import dev.mailgateway.runtime.DaemonThreads;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection to a scanner daemon, over TCP or a Unix socket, with a deadline for the whole
 * exchange: a watchdog closes the channel when it passes, since a blocking channel has no read
 * timeout of its own (and a Unix socket has no {@code SO_TIMEOUT} at all). Every failure,
 * the deadline included, is an {@link IOException} that names the scanner and its address.
 */
final class ScannerConnection implements Closeable {

  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
      new DaemonThreads("scanner-deadline"));

  private final SocketChannel channel;
  private final ScheduledFuture<?> deadline;
  private final String peer;
  private final Duration timeout;
  private volatile boolean expired;

  private ScannerConnection(SocketChannel channel, String peer, Duration timeout) {
    this.channel = channel;
    this.peer = peer;
    this.timeout = timeout;
    this.deadline = WATCHDOG.schedule(this::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Connects to the scanner; the deadline counts from here. */
  static ScannerConnection open(ScannerEndpoint endpoint, Duration timeout) throws IOException {
    String peer = endpoint.toString();
    SocketChannel channel;
    try {
      if (endpoint.unixSocket().isPresent()) {
        channel = SocketChannel.open(UnixDomainSocketAddress.of(endpoint.unixSocket().get()));
      } else {
        channel = SocketChannel.open();
        try {
          channel.socket().connect(new InetSocketAddress(endpoint.host(), endpoint.port()),
              (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        } catch (IOException e) {
          channel.close();
          throw e;
        }
      }
    } catch (IOException e) {
      throw new IOException(peer + " cannot be reached: " + e.getMessage(), e);
    }
    return new ScannerConnection(channel, peer, timeout);
  }

  private void expire() {
    expired = true;
    try {
      channel.close();
    } catch (IOException ignored) {
      // Closing is how the blocked reader is woken; nothing more can be done.
    }
  }

  /** What the scanner sends. */
  InputStream in() {
    return Channels.newInputStream(channel);
  }

  /** What goes to the scanner, buffered; flush before waiting for an answer. */
  OutputStream out() {
    return new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
  }

  /** Tells the scanner nothing more is coming, as spamc does. */
  void finishSending() throws IOException {
    channel.shutdownOutput();
  }

  /** The failure to report for an exception met while talking to the scanner. */
  IOException failure(IOException e) {
    if (expired || e instanceof ClosedChannelException && expired) {
      return new IOException(peer + " did not answer within " + timeout.toSeconds() + " s", e);
    }
    return new IOException(peer + " failed: " + e.getMessage(), e);
  }

  /** The failure to report when the scanner said something this client does not understand. */
  IOException protocolError(String what) {
    return new IOException(peer + " answered something unexpected: " + what);
  }

  @Override
  public void close() throws IOException {
    deadline.cancel(false);
    channel.close();
  }
}
