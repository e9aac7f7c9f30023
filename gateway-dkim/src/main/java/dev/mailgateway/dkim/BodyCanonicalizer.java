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
 * <p>One pass over the bytes into a block, rather than jDKIM's canonicalizers behind a stream
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
    for (int i = offset; i < end; i++) {
      byte b = bytes[i];
      // The common case, text in the middle of a line, without the state machine's calls.
      if (inLine && !carriageReturn && !blanks && (b & 0xFF) > ' ' && filled < BLOCK) {
        block[filled++] = b;
      } else {
        take(b);
      }
    }
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
    startLine();
    if (blanks) {
      blanks = false;
      emit((byte) ' ');
    }
    emit(b);
  }

  private void startLine() throws IOException {
    if (!inLine) {
      for (; emptyLines > 0; emptyLines--) {
        lineEnd();
      }
      inLine = true;
      anyText = true;
    }
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
