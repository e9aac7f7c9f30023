package dev.mailgateway.dkim;

import java.io.OutputStream;
import java.util.Locale;

/** DKIM's two canonicalization algorithms (RFC 6376 section 3.4). */
public enum Canonicalization {
  /** Byte for byte, but trailing empty lines of the body. */
  SIMPLE,
  /** Tolerant of white space changes and header name case: the default, and what survives relays. */
  RELAXED;

  /** Parses {@code simple} or {@code relaxed}. */
  static Canonicalization parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "simple" -> SIMPLE;
      case "relaxed" -> RELAXED;
      default -> throw new IllegalArgumentException("unknown canonicalization '" + text + "'");
    };
  }

  /** The canonical form of a header field, without a line end. */
  String header(HeaderField field) {
    return header(field.name(), field.raw());
  }

  String header(String name, String raw) {
    if (this == SIMPLE) {
      return raw;
    }
    // CRLF pairs out, each run of spaces and tabs one space, then stripped (RFC 6376 3.4.2): a
    // loop rather than replaceAll, whose regular expression was compiled for every signed field.
    StringBuilder value = new StringBuilder(raw.length());
    boolean blank = false;
    int i = raw.indexOf(':') + 1;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c == '\r' && i + 1 < raw.length() && raw.charAt(i + 1) == '\n') {
        i += 2;
        continue;
      }
      i++;
      if (c == ' ' || c == '\t') {
        blank = true;
        continue;
      }
      if (blank) {
        value.append(' ');
        blank = false;
      }
      value.append(c);
    }
    return name.strip().toLowerCase(Locale.ROOT) + ":" + value.toString().strip();
  }

  /**
   * A stream that canonicalizes the body written into it (line ends CRLF or bare LF) and passes
   * the result on; it must be closed to pass on the end of the body.
   */
  OutputStream body(OutputStream canonical) {
    return new BodyCanonicalizer(canonical, this == RELAXED);
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
