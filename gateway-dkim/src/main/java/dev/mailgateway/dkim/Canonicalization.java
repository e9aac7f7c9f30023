package dev.mailgateway.dkim;

import java.io.OutputStream;
import java.util.Locale;
import org.apache.james.jdkim.canon.RelaxedBodyCanonicalizer;
import org.apache.james.jdkim.canon.SimpleBodyCanonicalizer;

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
    String value = raw.substring(raw.indexOf(':') + 1)
        .replace("\r\n", "")
        .replaceAll("[ \t]+", " ")
        .strip();
    return name.strip().toLowerCase(Locale.ROOT) + ":" + value;
  }

  /**
   * A stream that canonicalizes the body written into it (CRLF line ends) and passes the result
   * on; it must be closed to flush the end of the body. jDKIM's canonicalizers do the work.
   */
  OutputStream body(OutputStream canonical) {
    return this == SIMPLE ? new SimpleBodyCanonicalizer(canonical)
        : new RelaxedBodyCanonicalizer(canonical);
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
