package dev.mailgateway.dkim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One header field as it stands in the message: {@code raw} is the whole field, name, colon and
 * value with any folding, lines ended by CRLF but without the final CRLF. Bytes are kept one to
 * one (ISO-8859-1), so that UTF-8 header values hash exactly as they travel.
 *
 * @param name the field name as written
 * @param raw the whole field
 */
record HeaderField(String name, String raw) {

  /** The name in lower case, for matching. */
  String key() {
    return name.toLowerCase(Locale.ROOT);
  }

  /** The value: everything after the first colon, folding kept. */
  String value() {
    return raw.substring(raw.indexOf(':') + 1);
  }

  /**
   * Reads the header block of a message, up to and including the empty line that ends it, and
   * leaves the stream at the first byte of the body. Bare LF line ends are read as CRLF.
   *
   * @throws IOException when the stream fails
   * @throws IllegalArgumentException for a header line that is neither a field nor a folded
   *     continuation
   */
  static List<HeaderField> readBlock(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b == -1) {
        if (line.size() > 0) {
          lines.add(line.toString(StandardCharsets.ISO_8859_1));
        }
        break;
      }
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        if (text.endsWith("\r")) {
          text = text.substring(0, text.length() - 1);
        }
        line.reset();
        if (text.isEmpty()) {
          break;
        }
        lines.add(text);
        continue;
      }
      line.write(b);
    }
    List<HeaderField> fields = new ArrayList<>();
    // A field's folded lines are gathered, not appended one string at a time: a field of a
    // hundred thousand continuation lines must cost its length, not its length squared.
    String name = null;
    StringBuilder raw = new StringBuilder();
    for (String text : lines) {
      if (!text.isEmpty() && (text.charAt(0) == ' ' || text.charAt(0) == '\t')) {
        if (name == null) {
          throw new IllegalArgumentException("the message starts with a folded line");
        }
        raw.append("\r\n").append(text);
        continue;
      }
      int colon = text.indexOf(':');
      if (colon <= 0 || !text.substring(0, colon).strip().chars().allMatch(c -> c > 32 && c < 127)) {
        throw new IllegalArgumentException("'" + abbreviate(text) + "' is not a header field");
      }
      if (name != null) {
        fields.add(new HeaderField(name, raw.toString()));
      }
      name = text.substring(0, colon).strip();
      raw.setLength(0);
      raw.append(text);
    }
    if (name != null) {
      fields.add(new HeaderField(name, raw.toString()));
    }
    return fields;
  }

  private static String abbreviate(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "..." : text;
  }
}
