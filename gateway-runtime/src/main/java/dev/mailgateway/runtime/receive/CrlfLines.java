package dev.mailgateway.runtime.receive;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a message handed over as sendmail takes one: each line end, CRLF, LF or CR, becomes
 * CRLF, and a last line without an end gets one. It counts what the queue would hold; past the
 * size limit it drops the rest rather than buffer it.
 */
final class CrlfLines extends OutputStream {

  private final OutputStream out;
  private final long sizeLimit;
  private long size;
  private long line = 1;
  private long firstBare;
  private boolean afterCr;
  private boolean lineOpen;
  private boolean finished;

  CrlfLines(OutputStream out, long sizeLimit) {
    this.out = out;
    this.sizeLimit = sizeLimit;
  }

  @Override
  public void write(int b) throws IOException {
    if (b == '\n') {
      if (!afterCr) {
        bare();
        lineEnd();
      }
      afterCr = false;
    } else {
      if (afterCr) {
        // The CR before was not followed by LF: a bare CR ended that line.
        bare();
      }
      if (b == '\r') {
        lineEnd();
        afterCr = true;
      } else {
        afterCr = false;
        lineOpen = true;
        emit(b);
      }
    }
  }

  /** Notes a line that ended in a bare LF or CR: the line before the one now starting. */
  private void bare() {
    if (firstBare == 0) {
      firstBare = afterCr ? line - 1 : line;
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    int start = offset;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      byte b = bytes[i];
      if (b == '\r' || b == '\n') {
        emit(bytes, start, i - start);
        write(b);
        start = i + 1;
      } else if (i == start) {
        if (afterCr) {
          bare();
        }
        afterCr = false;
        lineOpen = true;
      }
    }
    emit(bytes, start, end - start);
  }

  /** Ends the last line, if it is open; the stream under it stays open. */
  void finish() throws IOException {
    if (afterCr) {
      bare();
      afterCr = false;
    }
    if (!finished && lineOpen) {
      lineEnd();
    }
    finished = true;
    out.flush();
  }

  /** The size of the message as queued, dropped bytes included. */
  long size() {
    return size;
  }

  /** The number of the first line that ended in a bare LF or CR, if one did. */
  java.util.OptionalLong firstBareNewline() {
    return firstBare == 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(firstBare);
  }

  /** Whether the message is over the size limit. */
  boolean tooLarge() {
    return size > sizeLimit;
  }

  private void lineEnd() throws IOException {
    line++;
    lineOpen = false;
    emit('\r');
    emit('\n');
  }

  private void emit(int b) throws IOException {
    if (++size <= sizeLimit) {
      out.write(b);
    }
  }

  private void emit(byte[] bytes, int offset, int length) throws IOException {
    if (length == 0) {
      return;
    }
    long room = Math.max(0, Math.min(length, sizeLimit - size));
    size += length;
    if (room > 0) {
      out.write(bytes, offset, (int) room);
    }
  }
}
