package dev.mailgateway.dkim;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes bytes on with every bare LF made CRLF: DKIM hashes the message as SMTP carries it,
 * with CRLF line ends, also when it was read from a file with Unix line ends.
 */
final class LineEnds extends FilterOutputStream {

  private int previous = -1;

  LineEnds(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    if (b == '\n' && previous != '\r') {
      out.write('\r');
    }
    out.write(b);
    previous = b;
  }

  @Override
  public void write(byte[] bytes, int offset, int count) throws IOException {
    int start = offset;
    for (int i = offset; i < offset + count; i++) {
      if (bytes[i] == '\n' && (i > offset ? bytes[i - 1] : previous) != '\r') {
        out.write(bytes, start, i - start);
        out.write('\r');
        start = i;
      }
    }
    out.write(bytes, start, offset + count - start);
    if (count > 0) {
      previous = bytes[offset + count - 1];
    }
  }
}
