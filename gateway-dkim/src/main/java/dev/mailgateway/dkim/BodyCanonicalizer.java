package dev.mailgateway.dkim;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A message body made canonical as it is written (RFC 6376 sections 3.4.3 and 3.4.4) and passed
 * on in blocks: a line ends at CRLF or at a bare LF (DKIM hashes the message as SMTP carries it,
 * with CRLF line ends, also when it was read from a file with Unix line ends); a bare CR is text.
 * Empty lines are held back until text follows them, so that those at the end of the body are
 * dropped. Relaxed also drops blanks at the end of a line, also of a last line without its line
 * end, and makes every other run of spaces and tabs one space; an empty relaxed body is empty.
 * Where RFC 6376 is silent (bare CRs, a last line without its line end) it does as Perl's
 * Mail::DKIM does.
 *
 * <p>Runs of text pass on whole, in blocks, rather than jDKIM's canonicalizers behind a stream
 * that made bare LFs CRLF: those passed a line at a time (a byte at a time around blanks and line
 * ends) to the digest, which showed in the signing relay's profile; and they made an empty
 * relaxed body one CRLF, so that the signature of a message without a body failed everywhere.
 */
final class BodyCanonicalizer extends OutputStream {

  private static final int BLOCK = 4096;

  private final OutputStream canonical;
  private final boolean relaxed;
  private final byte[] block = new byte[BLOCK];
  private int filled;
  private boolean carriageReturn;
  private boolean blanks;
  private boolean inLine;
  private long emptyLines;
  private boolean anyText;
  private boolean closed;

  BodyCanonicalizer(OutputStream canonical, boolean relaxed) {
    this.canonical = canonical;
    this.relaxed = relaxed;
  }

  @Override
  public void write(int b) throws IOException {
    take((byte) b);
  }

  @Override
  public void write(byte[] bytes, int offset, int count) throws IOException {
    int end = offset + count;
    int i = offset;
    while (i < end) {
      if (inLine && !carriageReturn && !blanks) {
        // Text in the middle of a line passes on as a run, single spaces between words included.
        int run = i;
        while (run < end) {
          int c = bytes[run] & 0xFF;
          if (c > ' ' || c != '\r' && c != '\n' && !(relaxed && (c == ' ' || c == '\t'))) {
            run++;
          } else if (relaxed && c == ' ' && run + 1 < end && (bytes[run + 1] & 0xFF) > ' ') {
            run += 2;
          } else {
            break;
          }
        }
        copy(bytes, i, run - i);
        i = run;
        if (i == end) {
          return;
        }
      }
      take(bytes[i++]);
    }
  }

  private void copy(byte[] bytes, int from, int length) throws IOException {
    if (length > BLOCK - filled) {
      canonical.write(block, 0, filled);
      filled = 0;
      if (length >= BLOCK) {
        canonical.write(bytes, from, length);
        return;
      }
    }
    System.arraycopy(bytes, from, block, filled, length);
    filled += length;
  }

  private void take(byte b) throws IOException {
    if (carriageReturn) {
      carriageReturn = false;
      if (b == '\n') {
        endLine();
        return;
      }
      text((byte) '\r');
    }
    if (b == '\r') {
      carriageReturn = true;
    } else if (b == '\n') {
      endLine();
    } else if (relaxed && (b == ' ' || b == '\t')) {
      blanks = true;
    } else {
      text(b);
    }
  }

  private void text(byte b) throws IOException {
    if (!inLine) {
      for (; emptyLines > 0; emptyLines--) {
        lineEnd();
      }
      inLine = true;
      anyText = true;
    }
    if (blanks) {
      blanks = false;
      emit((byte) ' ');
    }
    emit(b);
  }

  private void endLine() throws IOException {
    blanks = false;
    if (inLine) {
      lineEnd();
      inLine = false;
    } else {
      emptyLines++;
    }
  }

  private void lineEnd() throws IOException {
    emit((byte) '\r');
    emit((byte) '\n');
  }

  private void emit(byte b) throws IOException {
    if (filled == BLOCK) {
      canonical.write(block, 0, filled);
      filled = 0;
    }
    block[filled++] = b;
  }

  /**
   * Ends the body: a last line without its CRLF gets one, and a simple body with no text is one
   * CRLF (a relaxed one is empty); then passes on what is left and closes the stream it writes
   * to.
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (carriageReturn) {
      carriageReturn = false;
      text((byte) '\r');
    }
    blanks = false;
    if (inLine) {
      lineEnd();
    } else if (!anyText && !relaxed) {
      lineEnd();
    }
    canonical.write(block, 0, filled);
    filled = 0;
    canonical.close();
  }
}
