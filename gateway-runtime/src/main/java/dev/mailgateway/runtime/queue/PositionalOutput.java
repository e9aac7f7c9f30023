package dev.mailgateway.runtime.queue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Writes into a file from an offset on with positional writes, and knows where it is: a draft
 * asked its channel for the position (an lseek) to learn where the message ends, and set it (one
 * more) before the first write. Closing it closes the channel, as {@code Channels.newOutputStream}'s
 * stream does.
 */
final class PositionalOutput extends OutputStream {

  private final FileChannel channel;
  private long position;

  PositionalOutput(FileChannel channel, long start) {
    this.channel = channel;
    this.position = start;
  }

  /** Where the next byte goes: the end of what was written. */
  long position() {
    return position;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
    while (buffer.hasRemaining()) {
      position += channel.write(buffer, position);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
