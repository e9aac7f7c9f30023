package dev.mailgateway.config;

import java.io.IOException;
import java.io.UncheckedIOException;
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

  static List<Line> read(Path file) {
    try {
      return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
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
