package dev.mailgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgateway.api.HeaderCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The header-check patterns the policy refuses are the ones real Postfix's regexp table refuses
 * (postmap warns and skips the rule), and the ones it takes Postfix takes.
 */
class HeaderCheckPostmapTest {

  @TempDir
  Path dir;

  /** What postmap says of a one-rule regexp table: its warning, or empty. */
  private String postmapWarning(String rule) throws Exception {
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.writeString(config.resolve("main.cf"), "");
    Path table = Files.writeString(dir.resolve("header_checks"), rule + "\n");
    String output = RealPeers.run("postmap", "-c", config.toString(), "-q", "Subject: probe",
        "regexp:" + table).output();
    return output.contains("warning") ? output.strip() : "";
  }

  @ParameterizedTest
  @ValueSource(strings = {"/^Subject: (?i)x/ REJECT", "/^Subject: (?=x)/ REJECT",
      "/^Subject: (?<n>x)/ REJECT", "/^Subject: x{32768}/ REJECT", "/^Subject: (x)\\2/ REJECT"})
  void whatPostfixRefusesIsRefused(String rule) throws Exception {
    assertThat(postmapWarning(rule)).as("postmap").isNotEmpty();
    assertThatThrownBy(() -> HeaderCheck.parse(rule)).hasMessageContaining("Postfix refuses the rule");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/^Subject: x{32767}/ REJECT", "/^Subject: (x)\\1/ REJECT",
      "/^Subject: [[:digit:]]+/ REJECT", "/^Subject: [^]x]/ REJECT", "/^Subject: \\w+\\s/ REJECT"})
  void whatPostfixTakesIsTaken(String rule) throws Exception {
    assertThat(postmapWarning(rule)).as("postmap").isEmpty();
    assertThat(HeaderCheck.parse(rule).pattern()).isNotEmpty();
  }

  private static String alternation(int words) {
    StringBuilder rule = new StringBuilder("/^Subject: (w0");
    for (int i = 1; i < words; i++) {
      rule.append("|w").append(i);
    }
    return rule.append(")$/ REJECT too many words").toString();
  }

  @org.junit.jupiter.api.Test
  void anAlternationUpToTheBoundIsTakenByBoth() throws Exception {
    String rule = alternation(2_500);

    assertThat(rule.length()).isLessThan(16_384);
    assertThat(postmapWarning(rule)).as("postmap").isEmpty();
    assertThat(HeaderCheck.parse(rule).pattern()).isNotEmpty();
  }

  @org.junit.jupiter.api.Test
  void aLongerAlternationIsRefusedBeforePostfixsRegcompEatsTheMachine() {
    // Not given to postmap: 1.2 MB of it was killed for memory on a 24 GB machine.
    assertThatThrownBy(() -> HeaderCheck.parse(alternation(120_000)))
        .hasMessageContaining("split it into rules of at most 16384");
  }
}
