package dev.mailgateway.runtime.queue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The layout of a queue file, one per message as Postfix keeps them: a first line {@code mgq1
 * <offset>}, the envelope as {@link EnvelopeFile} writes it, a line {@code .}, then, from the
 * offset on, the message (the gateway's header lines, then what was received). The bytes between
 * the envelope and the offset are unused: a draft reserves room in front of the content it
 * receives, so that committing writes the envelope and the header lines into that room instead
 * of copying the message into a new file.
 */
final class QueueFile {

  /** The room a draft reserves in front of the content: enough for the envelope and headers of most messages. */
  static final int RESERVED = 16 * 1024;

  private static final String MAGIC = "mgq1 ";

  private QueueFile() {}

  /**
   * The envelope part for a message starting at the offset: the first line pads the offset to
   * a fixed width, so that the part's length does not depend on the offset it names.
   */
  static byte[] head(byte[] envelope, long offset) {
    String number = Long.toString(offset);
    byte[] first = (MAGIC + "0".repeat(19 - number.length()) + number + "\n")
        .getBytes(StandardCharsets.US_ASCII);
    byte[] head = new byte[headLength(envelope)];
    System.arraycopy(first, 0, head, 0, first.length);
    System.arraycopy(envelope, 0, head, first.length, envelope.length);
    head[head.length - 2] = '.';
    head[head.length - 1] = '\n';
    return head;
  }

  /** The envelope as the head holds it. */
  static byte[] envelope(QueueEntry entry) {
    return EnvelopeFile.write(entry).getBytes(StandardCharsets.UTF_8);
  }

  /** The length of the head around an envelope. */
  static int headLength(byte[] envelope) {
    return MAGIC.length() + 20 + envelope.length + 2;
  }

  /** The offset of the message in a queue file. */
  static long offset(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      java.nio.ByteBuffer first = java.nio.ByteBuffer.allocate(MAGIC.length() + 20);
      while (first.hasRemaining() && channel.read(first) > 0) {
        // Reads the fixed-width first line.
      }
      return offset(file, new String(first.array(), 0, first.position(), StandardCharsets.US_ASCII));
    }
  }

  private static long offset(Path file, String firstLine) throws IOException {
    if (!firstLine.startsWith(MAGIC) || firstLine.strip().length() != MAGIC.length() + 19) {
      throw new IOException(file + " is not a queue file: it starts with '" + firstLine.strip() + "'");
    }
    return Long.parseLong(firstLine.substring(MAGIC.length()).strip());
  }

  /** The envelope written into a queue file when it was committed. */
  static QueueEntry envelope(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      BufferedReader reader = new BufferedReader(new InputStreamReader(
          Channels.newInputStream(channel), StandardCharsets.UTF_8));
      String firstLine = reader.readLine();
      long offset = offset(file, firstLine == null ? "" : firstLine + "\n");
      StringBuilder text = new StringBuilder();
      long read = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.equals(".")) {
          return EnvelopeFile.read(text.toString());
        }
        read += line.length() + 1;
        if (read > offset) {
          break;
        }
        text.append(line).append('\n');
      }
      throw new IOException(file + " has no complete envelope before its message");
    }
  }
}
