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
 * The layout of a queue file, one per message as Postfix keeps them: a first line {@code mgq2
 * <offset> <end>}, the envelope as {@link EnvelopeFile} writes it, a line {@code .}, then, from
 * the offset to the end, the message (the gateway's header lines, then what was received). The
 * bytes between the envelope and the offset are unused: a draft reserves room in front of the
 * content it receives, so that committing writes the envelope and the header lines into that room
 * instead of copying the message into a new file. The bytes after the end are unused too: a
 * queue file is reused for a later message without being emptied, because emptying a file and
 * growing it again costs the file system more than the rest of the queue. Files of the first
 * layout, {@code mgq1 <offset>}, have their message to the end of the file and are still read.
 */
final class QueueFile {

  /** The room a draft reserves in front of the content: enough for the envelope and headers of most messages. */
  static final int RESERVED = 16 * 1024;

  private static final String MAGIC = "mgq2 ";
  private static final String FIRST_MAGIC = "mgq1 ";
  private static final int NUMBER = 19;
  private static final int FIRST_LINE = MAGIC.length() + NUMBER + 1 + NUMBER + 1;

  private QueueFile() {}

  /**
   * The envelope part for a message from the offset to the end: the first line pads both to a
   * fixed width, so that the part's length does not depend on the positions it names.
   */
  static byte[] head(byte[] envelope, long offset, long end) {
    byte[] first = (MAGIC + padded(offset) + " " + padded(end) + "\n")
        .getBytes(StandardCharsets.US_ASCII);
    byte[] head = new byte[headLength(envelope)];
    System.arraycopy(first, 0, head, 0, first.length);
    System.arraycopy(envelope, 0, head, first.length, envelope.length);
    head[head.length - 2] = '.';
    head[head.length - 1] = '\n';
    return head;
  }

  private static String padded(long number) {
    String digits = Long.toString(number);
    return "0".repeat(NUMBER - digits.length()) + digits;
  }

  /** The envelope as the head holds it. */
  static byte[] envelope(QueueEntry entry) {
    return EnvelopeFile.write(entry).getBytes(StandardCharsets.UTF_8);
  }

  /** The length of the head around an envelope. */
  static int headLength(byte[] envelope) {
    return FIRST_LINE + envelope.length + 2;
  }

  /** Where the message lies in a queue file. */
  static QueuedContent content(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      java.nio.ByteBuffer first = java.nio.ByteBuffer.allocate(FIRST_LINE);
      while (first.hasRemaining() && channel.read(first) > 0) {
        // Reads the fixed-width first line.
      }
      String line = new String(first.array(), 0, first.position(), StandardCharsets.US_ASCII);
      int newline = line.indexOf('\n');
      return content(file, newline < 0 ? line : line.substring(0, newline));
    }
  }

  private static QueuedContent content(Path file, String firstLine) throws IOException {
    try {
      if (firstLine.startsWith(MAGIC) && firstLine.length() == FIRST_LINE - 1) {
        long offset = Long.parseLong(firstLine.substring(MAGIC.length(), MAGIC.length() + NUMBER));
        long end = Long.parseLong(firstLine.substring(MAGIC.length() + NUMBER + 1));
        if (offset <= end) {
          return new QueuedContent(file, offset, end);
        }
      } else if (firstLine.startsWith(FIRST_MAGIC) && firstLine.length() == FIRST_MAGIC.length() + NUMBER) {
        return new QueuedContent(file, Long.parseLong(firstLine.substring(FIRST_MAGIC.length())));
      }
    } catch (NumberFormatException notANumber) {
      // Reported below with the line.
    }
    throw new IOException(file + " is not a queue file: it starts with '" + firstLine.strip() + "'");
  }

  /** The envelope written into a queue file when it was committed. */
  static QueueEntry envelope(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      BufferedReader reader = new BufferedReader(new InputStreamReader(
          Channels.newInputStream(channel), StandardCharsets.UTF_8));
      String firstLine = reader.readLine();
      QueuedContent content = content(file, firstLine == null ? "" : firstLine);
      StringBuilder text = new StringBuilder();
      long read = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.equals(".")) {
          return EnvelopeFile.read(text.toString());
        }
        read += line.length() + 1;
        if (read > content.offset()) {
          break;
        }
        text.append(line).append('\n');
      }
      throw new IOException(file + " has no complete envelope before its message");
    }
  }
}
