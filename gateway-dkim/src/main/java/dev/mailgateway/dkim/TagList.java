package dev.mailgateway.dkim;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A DKIM tag=value list (RFC 6376 section 3.2), as signatures and key records write them: tags
 * separated by semicolons, white space and folding around them ignored.
 */
final class TagList {

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  private final Map<String, String> tags;

  private TagList(Map<String, String> tags) {
    this.tags = tags;
  }

  /**
   * Parses a list.
   *
   * @throws IllegalArgumentException for a malformed or repeated tag
   */
  static TagList parse(String text) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String part : text.split(";", -1)) {
      String spec = part.strip();
      if (spec.isEmpty()) {
        continue;
      }
      int equals = spec.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException("'" + spec + "' is no tag=value");
      }
      String name = spec.substring(0, equals).strip();
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("'" + name + "' is not a tag name");
      }
      String value = spec.substring(equals + 1).strip();
      if (tags.put(name, value) != null) {
        throw new IllegalArgumentException("the tag " + name + "= appears twice");
      }
    }
    return new TagList(tags);
  }

  Optional<String> get(String name) {
    return Optional.ofNullable(tags.get(name));
  }

  /** A tag's value with all white space (folding) removed, as base64 values need. */
  Optional<String> compact(String name) {
    return get(name).map(value -> value.replaceAll("\\s+", ""));
  }

  String require(String name) {
    return get(name).orElseThrow(() ->
        new IllegalArgumentException("the required tag " + name + "= is missing"));
  }

  String lower(String name, String otherwise) {
    return get(name).orElse(otherwise).toLowerCase(Locale.ROOT);
  }

  boolean has(String name) {
    return tags.containsKey(name);
  }

  /** The tag names, in order. */
  java.util.Set<String> names() {
    return tags.keySet();
  }
}
