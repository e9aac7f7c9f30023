package dev.mailgateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeaderCheckTest {

  @Test
  void parsesPatternFlagsActionAndText() {
    HeaderCheck rule = HeaderCheck.parse("/^Subject:.*viagra/i REJECT no spam here");

    assertThat(rule.pattern()).isEqualTo("^Subject:.*viagra");
    assertThat(rule.flags()).isEqualTo("i");
    assertThat(rule.action()).isEqualTo("REJECT");
    assertThat(rule.text()).isEqualTo("no spam here");
    assertThat(rule).hasToString("/^Subject:.*viagra/i REJECT no spam here");
  }

  @Test
  void matchesCaseInsensitivelyByDefaultAsPostfixDoes() {
    assertThat(HeaderCheck.parse("/^subject: hello/ WARN").compiledPattern()
        .matcher("Subject: HELLO").find()).isTrue();
  }

  @Test
  void theIFlagTogglesCaseSensitivityOn() {
    assertThat(HeaderCheck.parse("/^subject: hello/i WARN").compiledPattern()
        .matcher("Subject: HELLO").find()).isFalse();
  }

  @Test
  void acceptsOtherDelimitersAndNegation() {
    HeaderCheck rule = HeaderCheck.parse("!#^X-Mailer: a/b# IGNORE");

    assertThat(rule.negated()).isTrue();
    assertThat(rule.delimiter()).isEqualTo('#');
    assertThat(rule).hasToString("!#^X-Mailer: a/b# IGNORE");
  }

  @Test
  void rejectsAPatternThatDoesNotCompile() {
    assertThatThrownBy(() -> HeaderCheck.parse("/^Subject: (unclosed/ REJECT"))
        .hasMessageContaining("the pattern does not compile");
  }

  @Test
  void rejectsAnUnknownAction() {
    assertThatThrownBy(() -> HeaderCheck.parse("/^Subject: x/ BOUNCE"))
        .hasMessageContaining("unknown action 'BOUNCE'");
  }

  @Test
  void rejectsAnActionWithoutItsArgument() {
    assertThatThrownBy(() -> HeaderCheck.parse("/^Subject: x/ REPLACE"))
        .hasMessage("REPLACE needs an argument");
  }

  @Test
  void rejectsAMissingClosingDelimiter() {
    assertThatThrownBy(() -> HeaderCheck.parse("/^Subject: x REJECT"))
        .hasMessageContaining("no closing '/'");
  }

  @Test
  void rejectsIfEndifBlocksClearly() {
    assertThatThrownBy(() -> HeaderCheck.parse("if /^Subject:/"))
        .hasMessageContaining("if/endif blocks are not supported");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "/^Subject: (?i)x/ REJECT", "/^Subject: (?=x)/ REJECT", "/^Subject: (?<n>x)/ REJECT",
      "/^Subject: (?:x)/ REJECT", "/^Subject: x{99999}/ REJECT", "/^Subject: x{32768}/ REJECT",
      "/^Subject: (x)\\2/ REJECT", "/^Subject: \\d+/ REJECT"})
  void aPatternPostfixsRegexpRefusesOrReadsOtherwiseIsRefused(String rule) {
    assertThatThrownBy(() -> HeaderCheck.parse(rule)).isInstanceOf(IllegalArgumentException.class)
        .message().containsAnyOf("Postfix refuses the rule", "POSIX reads it as the letter");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "/^Subject: x{32767}/ REJECT", "/^Subject: (x)\\1/ REJECT", "/^Subject: [[:digit:]]+/ REJECT",
      "/^Subject: []?(]x/ REJECT", "/^Subject: [^]x]/ REJECT", "/^Subject: \\w+\\s/ REJECT"})
  void aPatternPostfixsRegexpTakesAsJavaDoesIsTaken(String rule) {
    assertThat(HeaderCheck.parse(rule).pattern()).isNotEmpty();
  }
}
