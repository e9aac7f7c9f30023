package dev.mailgateway.runtime.queue;

import dev.mailgateway.runtime.SpareBuffers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Writes into a file from an offset on with positional writes, through a buffer lent for the
 * message, and knows where it is: a draft asked its channel for the position (an lseek) to learn
 * where the message ends, and set it (one more) before the first write. {@link #finish()} gives
 * the buffer back; closing finishes and closes the channel, as {@code Channels.newOutputStream}'s
 * stream does.
 */
final class PositionalOutput extends OutputStream {

  private final FileChannel channel;
  private final SpareBuffers buffers;
  private byte[] buffer;
  private int filled;
  private long position;

  PositionalOutput(FileChannel channel, long start, SpareBuffers buffers) {
    this.channel = channel;
    this.position = start;
    this.buffers = buffers;
    this.buffer = buffers.lend();
  }

  /** Where the next byte goes: the end of what was written, buffered or not. */
  long position() {
    return position + filled;
  }

  @Override
  public void write(int b) throws IOException {
    checkOpen();
    if (filled == buffer.length) {
      flush();
    }
    buffer[filled++] = (byte) b;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    checkOpen();
    if (length > buffer.length - filled) {
      flush();
      if (length >= buffer.length) {
        writeFully(ByteBuffer.wrap(bytes, offset, length));
        return;
      }
    }
    System.arraycopy(bytes, offset, buffer, filled, length);
    filled += length;
  }

  private void checkOpen() {
    if (buffer == null) {
      // Not into a buffer another message may have now.
      throw new IllegalStateException("the draft's content is finished");
    }
  }

  @Override
  public void flush() throws IOException {
    if (filled > 0) {
      writeFully(ByteBuffer.wrap(buffer, 0, filled));
      filled = 0;
    }
  }

  private void writeFully(ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      position += channel.write(bytes, position);
    }
  }

  /** Writes what is buffered and gives the buffer back: nothing more may be written. */
  void finish() throws IOException {
    if (buffer != null) {
      flush();
      buffers.giveBack(buffer);
      buffer = null;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      finish();
    } finally {
      channel.close();
    }
  }
}
