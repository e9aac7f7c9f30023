package dev.mailgateway.runtime.queue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads a file from an offset on with positional reads, through a channel someone else owns:
 * cleanup reads the draft a session is writing without opening the file again, and closing this
 * stream leaves the channel open.
 */
final class PositionalInput extends InputStream {

  private final FileChannel channel;
  private long position;

  PositionalInput(FileChannel channel, long start) {
    this.channel = channel;
    this.position = start;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
  }

  @Override
  public int read(byte[] bytes, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    int n = channel.read(ByteBuffer.wrap(bytes, offset, length), position);
    if (n > 0) {
      position += n;
    }
    return n;
  }

  @Override
  public long skip(long n) {
    long skipped = Math.max(0, n);
    position += skipped;
    return skipped;
  }
}
