package dev.mailgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mailgateway.api.PolicyException;
import dev.mailgateway.api.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvFileTest {

  @Test
  void valuesAreTakenLiterally() {
    Map<String, String> env = EnvFile.parse("f", List.of(
        "# comment", "", "MAIL_FQDN=mx.example.com", "BANNER=\"quoted\" $HOME = x",
        "EMPTY="), Map.of());

    assertThat(env).containsExactly(Map.entry("MAIL_FQDN", "mx.example.com"),
        Map.entry("BANNER", "\"quoted\" $HOME = x"), Map.entry("EMPTY", ""));
  }

  @Test
  void aNameAloneTakesTheValueFromTheEnvironmentAsDockerDoes() {
    Map<String, String> env = EnvFile.parse("f", List.of("RELAYHOST", "MISSING"),
        Map.of("RELAYHOST", "[smtp.example.net]"));

    assertThat(env).containsExactly(Map.entry("RELAYHOST", "[smtp.example.net]"));
  }

  @Test
  void badNamesAreReportedWithFileAndLine() {
    PolicyException failure = catchThrowableOfType(PolicyException.class, () -> EnvFile.parse(
        "gateway.env", List.of("OK=1", "1BAD=2", "ALSO BAD=3"), Map.of()));

    assertThat(failure.violations()).extracting(Violation::path)
        .containsExactly("gateway.env:2", "gateway.env:3");
  }

  @Test
  void rendersWhatItParses() {
    Map<String, String> env = Map.of("A", "1 2", "B", "");

    assertThat(EnvFile.parse("f", List.of(EnvFile.render(env).split("\n")), Map.of()))
        .isEqualTo(env);
  }
}
