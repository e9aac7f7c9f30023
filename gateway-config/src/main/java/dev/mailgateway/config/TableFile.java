package dev.mailgateway.config;

import dev.mailgateway.api.PolicyException;
import dev.mailgateway.api.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The logical lines of a Postfix lookup table source file (transport, header_checks,
 * relay_clientcerts): blank lines and {@code #} comments are skipped, and a line that starts with
 * white space continues the one before, as postmap(1) reads them. Each logical line keeps the
 * number of the line it starts on, so that errors can name {@code file:line}.
 */
final class TableFile {

  /** A logical line and the number of the physical line it starts on. */
  record Line(int number, String text) {}

  private TableFile() {}

  /**
   * Reads a table file; {@code source} names it in violations.
   *
   * @throws PolicyException when it is not UTF-8 text, naming the line and the byte
   * @throws UncheckedIOException when it cannot be read
   */
  static List<Line> read(Path file, String source) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    try {
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
      return parse(text.lines().toList());
    } catch (CharacterCodingException e) {
      int at = firstMalformed(bytes);
      int line = 1;
      for (int i = 0; i < at; i++) {
        line += bytes[i] == '\n' ? 1 : 0;
      }
      throw new PolicyException(List.of(new Violation(source + ":" + line, String.format(
          java.util.Locale.ROOT, "not UTF-8 text (byte 0x%02X): save the file as UTF-8", bytes[at] & 0xff))));
    }
  }

  /** The offset of the first byte that does not decode as UTF-8. */
  private static int firstMalformed(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    decoder.decode(in, out, true);
    return Math.min(in.position(), bytes.length - 1);
  }

  static List<Line> parse(List<String> physical) {
    List<Line> logical = new ArrayList<>();
    for (int i = 0; i < physical.size(); i++) {
      String line = physical.get(i);
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      if (Character.isWhitespace(line.charAt(0)) && !logical.isEmpty()) {
        Line previous = logical.remove(logical.size() - 1);
        logical.add(new Line(previous.number(), previous.text() + " " + line.strip()));
      } else {
        logical.add(new Line(i + 1, line.strip()));
      }
    }
    return logical;
  }
}
