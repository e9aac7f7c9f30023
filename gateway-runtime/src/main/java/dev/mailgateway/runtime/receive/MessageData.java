package dev.mailgateway.runtime.receive;

import dev.mailgateway.runtime.SpareBuffers;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads the DATA of one message from the client and writes its content, dot-unstuffed, with CRLF
 * line ends. Only {@code <CR><LF>.<CR><LF>} ends the data: a bare LF or CR before or after the dot
 * never does, so one message can never be split into two (SMTP smuggling). Bare line ends are
 * reported, and written as CRLF so that signatures computed on the content stay valid after a
 * relay normalises them. Past the size limit the rest is read and dropped, never buffered.
 */
final class MessageData {

  /** What reading the data found. */
  record Outcome(long size, boolean tooLarge, boolean bareLineFeed, boolean bareCarriageReturn) {}

  private enum State { LINE_START, TEXT, CR, DOT, DOT_CR, END }

  private static final int CHUNK = 8192;

  /** The read and write buffers of a message's data, lent for it (one pair a receiving session). */
  private static final SpareBuffers BUFFERS = new SpareBuffers(CHUNK, 64);

  private final InputStream in;
  private final long sizeLimit;
  private byte[] pending;
  private final byte[] one = new byte[1];
  private int pendingLength;
  private State state = State.LINE_START;
  /** Whether the current line began after a CRLF (or is the first): only then may "." end DATA. */
  private boolean afterCrlf = true;
  private boolean bareLf;
  private boolean bareCr;
  private long count;
  private OutputStream out;

  /** Reads from a stream that supports {@link InputStream#mark}, as a BufferedInputStream does. */
  MessageData(InputStream in, long sizeLimit) {
    if (!in.markSupported()) {
      throw new IllegalArgumentException("DATA is read from a stream that supports mark/reset");
    }
    this.in = in;
    this.sizeLimit = sizeLimit;
  }

  /**
   * Reads up to the end of data.
   *
   * @throws EOFException when the client goes away before the end of data
   */
  Outcome copyTo(OutputStream content) throws IOException {
    out = content;
    byte[] chunk = BUFFERS.lend();
    pending = BUFFERS.lend();
    try {
      return copy(chunk);
    } finally {
      BUFFERS.giveBack(chunk);
      BUFFERS.giveBack(pending);
      pending = null;
    }
  }

  private Outcome copy(byte[] chunk) throws IOException {
    while (state != State.END) {
      // Read in chunks, but hand back whatever follows the end of data: pipelined commands.
      in.mark(CHUNK);
      int n = in.read(chunk);
      if (n == -1) {
        throw new EOFException("the client closed the connection during DATA");
      }
      int i = 0;
      while (i < n) {
        if (state == State.TEXT) {
          // Inside a line only CR and LF matter: copy the run up to the next one at once.
          int end = i;
          while (end < n && chunk[end] != '\r' && chunk[end] != '\n') {
            end++;
          }
          emit(chunk, i, end - i);
          i = end;
          if (i == n) {
            break;
          }
        }
        step(chunk[i++] & 0xff);
        if (state == State.END) {
          in.reset();
          in.skipNBytes(i);
          break;
        }
      }
    }
    flushPending();
    return new Outcome(count, count > sizeLimit, bareLf, bareCr);
  }

  private void step(int b) throws IOException {
    switch (state) {
      case LINE_START -> {
        if (b == '.') {
          state = State.DOT;
        } else {
          text(b);
        }
      }
      case TEXT -> text(b);
      case CR -> {
        if (b == '\n') {
          lineEnd(true);
        } else {
          bareCr = true;
          lineEnd(false);
          step(b);
        }
      }
      case DOT -> {
        if (b == '\r') {
          state = State.DOT_CR;
        } else if (b == '\n') {
          bareLf = true;
          emit('.');
          lineEnd(false);
        } else {
          text(b);
        }
      }
      case DOT_CR -> {
        if (b == '\n' && afterCrlf) {
          state = State.END;
        } else if (b == '\n') {
          emit('.');
          lineEnd(true);
        } else {
          bareCr = true;
          emit('.');
          lineEnd(false);
          step(b);
        }
      }
      default -> throw new IllegalStateException("no byte is read after the end of data");
    }
  }

  private void text(int b) throws IOException {
    if (b == '\r') {
      state = State.CR;
    } else if (b == '\n') {
      bareLf = true;
      lineEnd(false);
    } else {
      emit(b);
      state = State.TEXT;
    }
  }

  private void lineEnd(boolean crlf) throws IOException {
    emit('\r');
    emit('\n');
    afterCrlf = crlf;
    state = State.LINE_START;
  }

  private void emit(int b) throws IOException {
    one[0] = (byte) b;
    emit(one, 0, 1);
  }

  private void emit(byte[] bytes, int offset, int length) throws IOException {
    long room = Math.max(0, sizeLimit - count);
    count += length;
    int kept = (int) Math.min(length, room);
    while (kept > 0) {
      int n = Math.min(kept, pending.length - pendingLength);
      System.arraycopy(bytes, offset, pending, pendingLength, n);
      pendingLength += n;
      offset += n;
      kept -= n;
      if (pendingLength == pending.length) {
        flushPending();
      }
    }
  }

  private void flushPending() throws IOException {
    out.write(pending, 0, pendingLength);
    pendingLength = 0;
  }
}
