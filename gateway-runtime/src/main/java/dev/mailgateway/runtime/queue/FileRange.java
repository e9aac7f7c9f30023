package dev.mailgateway.runtime.queue;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a range of a file: a reused queue file holds the bytes of an earlier, longer message
 * after the current one's end, and a reader must not run into them.
 */
final class FileRange extends FilterInputStream {

  /** The largest buffer: a read of a long message in 64 KB pieces. */
  private static final int BUFFER = 64 * 1024;

  private long remaining;
  private final boolean bounded;

  private FileRange(InputStream in, long length) {
    super(in);
    this.remaining = length;
    this.bounded = length != Long.MAX_VALUE;
  }

  /** A buffered stream of the bytes from start to end (-1: to the end of the file). */
  static InputStream open(Path file, long start, long end) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      channel.position(start);
      return buffered(new FileRange(Channels.newInputStream(channel),
          end < 0 ? Long.MAX_VALUE : end - start));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * A buffered stream of the bytes from start to end of a channel that stays open when the
   * stream is closed: a draft being written, read back without opening its file again.
   */
  static InputStream within(FileChannel channel, long start, long end) {
    return buffered(new FileRange(new PositionalInput(channel, start), end - start));
  }

  /** Buffered: cleanup reads the header block a byte at a time. */
  private static InputStream buffered(FileRange range) {
    return new BufferedInputStream(range, bufferFor(range.remaining));
  }

  /**
   * A read buffer for a range of the given length: no larger than the range, as a message is
   * read two or three times and a 64 KB buffer zeroed for each of 10 KB showed in the profile.
   */
  private static int bufferFor(long length) {
    return (int) Math.max(512, Math.min(BUFFER, length));
  }

  @Override
  public int read() throws IOException {
    if (remaining <= 0) {
      return -1;
    }
    int b = in.read();
    if (b >= 0) {
      remaining--;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (remaining <= 0) {
      return -1;
    }
    int n = in.read(b, off, (int) Math.min(len, remaining));
    if (n > 0) {
      remaining -= n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = in.skip(Math.min(n, remaining));
    remaining -= skipped;
    return skipped;
  }

  /**
   * What is left of a bounded range: a file's bytes never block, and asking the channel costs an
   * fstat and an lseek, which BufferedInputStream does after every read its buffer does not fill.
   */
  @Override
  public int available() throws IOException {
    if (bounded) {
      return (int) Math.min(Integer.MAX_VALUE, Math.max(0, remaining));
    }
    return in.available();
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
