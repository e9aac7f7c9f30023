package dev.mailgateway.config;

import java.util.List;

/** The header lines that mark a file as rendered, so that nobody edits it by hand. */
final class RenderedBy {

  static final List<String> LINES = List.of(
      "Rendered by Mail Gateway Toolkit from a GatewayPolicy.",
      "Do not edit: change the policy and render again.");

  private RenderedBy() {}

  /** The header as comment lines with the given comment marker. */
  static String comment(String marker) {
    StringBuilder out = new StringBuilder();
    LINES.forEach(line -> out.append(marker).append(' ').append(line).append('\n'));
    return out.toString();
  }

  /** A lookup table source: the header, then one entry a line in its {@code toString} form. */
  static String table(List<?> entries) {
    StringBuilder out = new StringBuilder(comment("#"));
    entries.forEach(entry -> out.append(entry).append('\n'));
    return out.toString();
  }
}
