package dev.mailgateway.config;

import java.util.regex.Pattern;

/**
 * A YAML or JSON parser's complaint in an operator's words: the reason and where, without the
 * parser's own vocabulary (Jackson's {@code [Source: ...]} and its feature names, SnakeYAML's
 * {@code in 'reader'} and its copy of the line), which the violation's {@code file:line} says
 * better.
 */
final class ParserMessage {

  private static final Pattern JACKSON_SOURCE = Pattern.compile(
      "\\[Source: .*?; line: (\\d+), column: (\\d+)]", Pattern.DOTALL);
  private static final Pattern SNAKEYAML_MARK = Pattern.compile(
      "\\s*in 'reader', line (\\d+), column (\\d+):.*", Pattern.DOTALL);

  private static final Pattern SNAKEYAML_EVENT = Pattern.compile(
      "<org\\.yaml\\.snakeyaml\\.events\\.(\\w+)Event\\(.*?\\)>");
  private static final java.util.Map<String, String> EVENTS = java.util.Map.of(
      "MappingStart", "a mapping", "MappingEnd", "the end of a mapping",
      "SequenceStart", "a list", "SequenceEnd", "the end of a list", "Scalar", "a value",
      "Alias", "an alias", "DocumentStart", "a new document", "DocumentEnd", "the end of the document");

  private ParserMessage() {}

  static String of(String original) {
    String text = JACKSON_SOURCE.matcher(original).replaceAll("line $1, column $2");
    text = SNAKEYAML_EVENT.matcher(text).replaceAll(m -> EVENTS.getOrDefault(m.group(1), "something else"));
    text = SNAKEYAML_MARK.matcher(text).replaceAll(" (line $1, column $2)");
    return text.replaceAll("\\s*\\n\\s*", " ").strip();
  }
}
