package dev.mailgateway.runtime.receive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * What the client sent, buffered, read without asking the socket how much more is waiting:
 * {@link BufferedInputStream} asks ({@code ioctl(FIONREAD)}) after every read that its buffer
 * does not fill, and before every reply the session asked too, two system calls a command
 * that a relay load showed. As Postfix's smtpd, the session flushes its replies when it has
 * read everything it holds ({@link #drained()}), not when the socket says nothing is waiting.
 */
final class ClientInput extends BufferedInputStream {

  ClientInput(InputStream socket) {
    super(socket);
  }

  /** Whether every byte read from the socket so far has been consumed. */
  synchronized boolean drained() {
    return pos >= count;
  }

  /** Reads what the buffer holds, filling it first with one read of the socket when empty. */
  @Override
  public synchronized int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    int copied = 0;
    if (pos >= count) {
      // read() fills the buffer as BufferedInputStream does, keeping a mark.
      int first = super.read();
      if (first < 0) {
        return -1;
      }
      b[off] = (byte) first;
      copied = 1;
    }
    int n = Math.min(len - copied, count - pos);
    System.arraycopy(buf, pos, b, off + copied, n);
    pos += n;
    return copied + n;
  }
}
