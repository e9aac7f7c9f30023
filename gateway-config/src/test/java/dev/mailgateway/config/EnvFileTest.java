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

  @Test
  void aBareCarriageReturnStaysInItsValueAsDockerKeepsIt() {
    Map<String, String> env = EnvFile.parse("f", EnvFile.lines(
        "POSTFIX_SMTPD_BANNER=x\rMYNETWORKS=0.0.0.0/0\n"), Map.of());

    assertThat(env).containsExactly(Map.entry("POSTFIX_SMTPD_BANNER", "x\rMYNETWORKS=0.0.0.0/0"));
  }

  @Test
  void crlfLinesAndAByteOrderMarkAreReadAsDockerReadsThem() {
    Map<String, String> env = EnvFile.parse("f", EnvFile.lines(
        "\uFEFFMAIL_FQDN=mx.example.com\r\nRELAYHOST=[smtp.example.net]\r\n"), Map.of());

    assertThat(env).containsExactly(Map.entry("MAIL_FQDN", "mx.example.com"),
        Map.entry("RELAYHOST", "[smtp.example.net]"));
  }

  @Test
  void anOpenRelaySmuggledBehindACarriageReturnIsRefusedAsALineBreakInTheBanner() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("env");
    java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("gateway.env"),
        "MAIL_FQDN=mx.example.com\nPOSTFIX_SMTPD_BANNER=x\rMYNETWORKS=0.0.0.0/0\n");

    PolicyException failure = catchThrowableOfType(PolicyException.class,
        () -> ContainerEnvironment.of(EnvFile.read(file, Map.of())).toPolicy());

    assertThat(failure).isNotNull();
    assertThat(failure.getMessage()).contains("line break");
  }
}
