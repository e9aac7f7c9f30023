package dev.mailgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mailgateway.api.PolicyException;
import org.junit.jupiter.api.Test;

/** Syntax errors of policy files speak of lines and columns, not of the parsers' internals. */
class ParserMessageTest {

  private static String refusal(String text, PolicyFiles.Format format) {
    return catchThrowableOfType(PolicyException.class,
        () -> PolicyFiles.parse(text, format, "gateway." + format.name().toLowerCase()))
        .violations().get(0).toString();
  }

  @Test
  void anUnclosedJsonObjectSaysWhereItOpenedWithoutJacksonsSourceNote() {
    // Found by JsonPolicyFileFuzzTest: "[Source: REDACTED (`StreamReadFeature...` disabled)".
    assertThat(refusal("{\"hostname\": \"mx.example.com\"", PolicyFiles.Format.JSON))
        .contains("gateway.json:1: not valid JSON: Unexpected end-of-input")
        .contains("(start marker at line 1, column 1)")
        .doesNotContain("Source").doesNotContain("StreamReadFeature");
  }

  @Test
  void aYamlSyntaxErrorSaysLineAndColumnWithoutSnakeYamlsReader() {
    // Found by PolicyFileFuzzTest: " in 'reader', line 8, column 37:" and a copy of the line.
    assertThat(refusal("hostname: mx.example.com\ntrust: a: b\n", PolicyFiles.Format.YAML))
        .contains("gateway.yaml:2: not valid YAML: mapping values are not allowed here (line 2, column 9)")
        .doesNotContain("reader").doesNotContain("\n");
  }

  @Test
  void aMappingWhereAKeyBelongsIsNamedAsSuchNotAsSnakeYamlsEvent() {
    // Found by PolicyFileFuzzTest: "got this instead: <org.yaml.snakeyaml.events.MappingStartEvent(...)>".
    assertThat(refusal("hostname: mx.example.com\n? {a: b}\n: c\n", PolicyFiles.Format.YAML))
        .doesNotContain("org.yaml").doesNotContain("Event(");
  }

  @Test
  void anEmptyKeyIsNamedWhereItIs() {
    // Found by JsonPolicyFileFuzzTest: the violation of an unknown field "" had no path.
    assertThat(refusal("{\"hostname\": \"mx.example.com\", \"\": 1}", PolicyFiles.Format.JSON))
        .isEqualTo("['']: unknown field");
  }
}
