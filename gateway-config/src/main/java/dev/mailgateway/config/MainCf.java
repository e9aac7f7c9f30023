package dev.mailgateway.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Postfix's main.cf under construction: parameters in sections, each name once. Setting a name
 * again replaces its value where it stands, because Postfix's {@code postconf} warns about a
 * repeated name ("overriding earlier entry").
 */
final class MainCf {

  private final Map<String, String> values = new LinkedHashMap<>();
  private final Map<String, List<String>> commentsBefore = new LinkedHashMap<>();
  private final List<String> pendingComments = new ArrayList<>();

  /** Starts a section: a blank line and comment lines before the next parameter. */
  MainCf section(String... comments) {
    pendingComments.add("");
    for (String comment : comments) {
      pendingComments.add("# " + comment);
    }
    return this;
  }

  MainCf set(String name, String value) {
    if (!values.containsKey(name) && !pendingComments.isEmpty()) {
      commentsBefore.put(name, List.copyOf(pendingComments));
      pendingComments.clear();
    }
    values.put(name, value);
    return this;
  }

  /**
   * A file's name as a value, each {@code $} doubled: Postfix reads {@code $$} as one {@code $}
   * and a lone one as a parameter to expand, which would name another file.
   */
  MainCf file(String name, java.nio.file.Path file) {
    return set(name, file.toString().replace("$", "$$"));
  }

  MainCf set(String name, List<String> items) {
    return set(name, String.join(", ", items));
  }

  String render(List<String> header) {
    StringBuilder out = new StringBuilder();
    header.forEach(line -> out.append("# ").append(line).append('\n'));
    values.forEach((name, value) -> {
      commentsBefore.getOrDefault(name, List.of()).forEach(c -> out.append(c).append('\n'));
      out.append(name).append(" =");
      if (!value.isEmpty()) {
        out.append(' ').append(value);
      }
      out.append('\n');
    });
    return out.toString();
  }
}
