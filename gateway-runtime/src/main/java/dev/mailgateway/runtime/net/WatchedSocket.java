package dev.mailgateway.runtime.net;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A plain socket whose every blocking read and write has a deadline, as {@code SO_TIMEOUT} gives
 * reads, without its cost (see {@link StallWatch}). An operation that outlasts it fails with a
 * {@link SocketTimeoutException}, as with {@code SO_TIMEOUT}; a TLS socket layered on this one
 * reads and writes through it, so the handshake and the records have the deadline too.
 */
public final class WatchedSocket extends Socket {

  private final SocketGuard guard;
  private InputStream input;
  private OutputStream output;

  /**
   * An unconnected socket whose reads and writes may each block for at most the timeout.
   *
   * @throws IllegalArgumentException when the timeout is not positive
   */
  public WatchedSocket(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("a socket timeout must be positive, not " + timeout);
    }
    this.guard = new SocketGuard(this, timeout.toNanos());
  }

  @Override
  public synchronized InputStream getInputStream() throws IOException {
    if (input == null) {
      input = new Input(super.getInputStream());
    }
    return input;
  }

  @Override
  public synchronized OutputStream getOutputStream() throws IOException {
    if (output == null) {
      output = new Output(super.getOutputStream());
    }
    return output;
  }

  @Override
  public synchronized void close() throws IOException {
    guard.release();
    super.close();
  }

  private static IOException stalled(String what, IOException cause) {
    SocketTimeoutException timeout = new SocketTimeoutException(what + " timed out");
    if (cause != null) {
      timeout.initCause(cause);
    }
    return timeout;
  }

  /** A read or a write of the socket's own stream. */
  private interface Blocking {
    int run() throws IOException;
  }

  /** Runs a read or a write under the deadline, and tells a stall from other failures. */
  private int guarded(boolean write, Blocking operation) throws IOException {
    String what = write ? "Write" : "Read";
    if (write ? guard.writeStalled() : guard.readStalled()) {
      throw stalled(what, null);
    }
    guard.arm(write);
    try {
      int n = operation.run();
      if (n < 0 && guard.readStalled()) {
        throw stalled(what, null);
      }
      return n;
    } catch (SocketTimeoutException e) {
      throw e;
    } catch (IOException e) {
      throw (write ? guard.writeStalled() : guard.readStalled()) ? stalled(what, e) : e;
    } finally {
      guard.disarm();
    }
  }

  private final class Input extends FilterInputStream {

    Input(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return guarded(false, () -> in.read(b, off, len));
    }
  }

  private final class Output extends FilterOutputStream {

    Output(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      guarded(true, () -> {
        out.write(b, off, len);
        return len;
      });
    }
  }
}
