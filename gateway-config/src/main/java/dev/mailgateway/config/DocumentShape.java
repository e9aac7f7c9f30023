package dev.mailgateway.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.mailgateway.api.Violation;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a policy file's tree would lose without a word: a key given twice in one object (the
 * parser keeps the last, so an operator's typo goes unseen), and anything after the policy (a
 * second YAML document, a second JSON object, trailing text), and a YAML alias, which the reader
 * would take for plain text. Each is a violation with its line,
 * and a key given twice names both lines.
 */
final class DocumentShape {

  private DocumentShape() {}

  /** The violations of a text's shape; empty when it has none or does not parse (said later). */
  static List<Violation> check(JsonFactory factory, String text, String source) {
    List<Violation> violations = new ArrayList<>();
    Deque<Map<String, Integer>> open = new ArrayDeque<>();
    try (JsonParser parser = factory.createParser(text)) {
      boolean whole = false;
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        int line = parser.currentTokenLocation().getLineNr();
        if (whole) {
          violations.add(new Violation(source + ":" + line, "more after the policy (a second"
              + " document or object, or trailing text): a file holds one policy"));
          break;
        }
        if (parser instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser yaml
            && yaml.isCurrentAlias()) {
          // The YAML reader does not resolve aliases: *h would be read as the text "h".
          violations.add(new Violation(source + ":" + line, "the alias *" + parser.getText()
              + " is not supported in a policy file: write the value out"));
        }
        switch (token) {
          case START_OBJECT, START_ARRAY -> open.push(new HashMap<>());
          case END_OBJECT, END_ARRAY -> {
            open.pop();
            whole = open.isEmpty();
          }
          case FIELD_NAME -> {
            Integer first = open.peek().putIfAbsent(parser.currentName(), line);
            if (first != null) {
              violations.add(new Violation(source + ":" + line, "the key '" + parser.currentName()
                  + "' is given twice in one object, first at line " + first
                  + "; remove one (the last would silently win)"));
            }
          }
          default -> whole = open.isEmpty();
        }
      }
    } catch (JsonProcessingException syntax) {
      return violations;
    } catch (IOException e) {
      throw new IllegalStateException("reading a string cannot fail", e);
    }
    return violations;
  }
}
