package dev.mailgateway.runtime.cleanup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The header block of a received message as logical lines (folding kept as newlines), read from
 * the start of the content, at most {@link #LIMIT} bytes: headers are matched, never the body.
 */
final class MessageHeaders {

  static final int LIMIT = 256 * 1024;

  private final List<String> lines;
  private final long length;

  private MessageHeaders(List<String> lines, long length) {
    this.lines = lines;
    this.length = length;
  }

  static MessageHeaders read(InputStream content) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    List<String> physical = new ArrayList<>();
    long total = 0;
    long length = -1;
    for (int b = content.read(); b != -1 && total < LIMIT; b = content.read()) {
      total++;
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        line.reset();
        text = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        if (text.isEmpty()) {
          length = total;
          break;
        }
        physical.add(text);
      } else {
        line.write(b);
      }
    }
    List<String> logical = new ArrayList<>();
    for (String text : physical) {
      if (!logical.isEmpty() && (text.startsWith(" ") || text.startsWith("\t"))) {
        logical.set(logical.size() - 1, logical.get(logical.size() - 1) + "\n" + text);
      } else {
        logical.add(text);
      }
    }
    return new MessageHeaders(logical, length);
  }

  /** The bytes of the header block with the empty line that ends it; -1 when it was not found. */
  long length() {
    return length;
  }

  /** The logical header lines, in order. */
  List<String> lines() {
    return lines;
  }

  /** The Message-ID header's value, such as {@code <1234@example.com>}. */
  Optional<String> messageId() {
    for (String line : lines) {
      if (line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
        return Optional.of(line.substring(11).replace("\n", " ").strip());
      }
    }
    return Optional.empty();
  }

  /** The domain of the first address in the From header, lower case. */
  Optional<String> fromDomain() {
    for (String line : lines) {
      if (line.regionMatches(true, 0, "From:", 0, 5)) {
        String value = line.substring(5).replace("\n", " ");
        int open = value.lastIndexOf('<');
        String address = open >= 0 && value.indexOf('>', open) > open
            ? value.substring(open + 1, value.indexOf('>', open)) : value.strip();
        int at = address.lastIndexOf('@');
        return at < 0 ? Optional.empty()
            : Optional.of(address.substring(at + 1).strip().toLowerCase(Locale.ROOT));
      }
    }
    return Optional.empty();
  }
}
