package dev.mailgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GatewayCommandTest {

  @TempDir
  Path dir;

  private static CommandOutput gateway(String... args) {
    return CommandOutput.of(args);
  }

  private Path envFile(String... lines) throws Exception {
    Files.createDirectories(dir.resolve("tls"));
    Files.createDirectories(dir.resolve("additional"));
    return Files.write(dir.resolve("gateway.env"), java.util.List.of(lines));
  }

  private String[] volumes() {
    return new String[] {"--tls-dir", dir.resolve("tls").toString(),
        "--additional-dir", dir.resolve("additional").toString()};
  }

  @Test
  void renderWritesTheConfigurationOfAnEnvFile() throws Exception {
    Path env = envFile("MAIL_FQDN=mx.example.com", "RELAYHOST=[smtp.example.net]:587");

    CommandOutput result = gateway(concat(new String[] {"render", "--env-file", env.toString(),
        "--out", dir.resolve("out").toString()}, volumes()));

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("postfix/main.cf").contains("amavis/conf.d/50-user");
    assertThat(Files.readString(dir.resolve("out/postfix/main.cf")))
        .contains("relayhost = [smtp.example.net]:587");
  }

  @Test
  void runRefusesAPolicyThatScansWithNoScannerAndSaysWhatToDo() throws Exception {
    Path policy = Files.writeString(dir.resolve("gateway.yaml"), "hostname: mx.example.com\n");

    CommandOutput result = gateway("run", "--policy", policy.toString(), "--listen", "127.0.0.1:0",
        "--spool", dir.resolve("spool").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("scans for viruses (contentFilter.virusChecks) but no scanner"
        + " finds them: add clamd").contains("(--scanner, or contentFilter.enabled: false)");
  }

  @Test
  void runRefusesAScannerItDoesNotKnow() throws Exception {
    Path policy = Files.writeString(dir.resolve("gateway.yaml"), "hostname: mx.example.com\n");

    CommandOutput result = gateway("run", "--policy", policy.toString(), "--scanner", "sophos=1.2.3.4:1");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("--scanner 'sophos=1.2.3.4:1' names no scanner; there are"
        + " clamd, spamd, amavis, test-detectors");
  }

  @Test
  void invalidInputPrintsEveryViolationAndWritesNothing() throws Exception {
    Path env = envFile("MAIL_FQDN=bad_host.example", "POSTFIX_RAW_CONFIG_NO_SUCH=1",
        "ADDITIONAL_MYNETWORKS=10.0.0.0/33");

    CommandOutput result = gateway(concat(new String[] {"render", "--env-file", env.toString(),
        "--out", dir.resolve("out").toString()}, volumes()));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("nothing was written")
        .contains("  MAIL_FQDN: ")
        .contains("  POSTFIX_RAW_CONFIG_NO_SUCH: 'no_such' is not a Postfix 3.7 main.cf parameter")
        .contains("  ADDITIONAL_MYNETWORKS: 10.0.0.0/33 is not a CIDR");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void invalidEnvFileLineIsNamed() throws Exception {
    Path env = envFile("MAIL_FQDN=mx.example.com", "NOT A NAME=1");

    CommandOutput result = gateway(concat(new String[] {"policy", "--env-file", env.toString()}, volumes()));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains(env + ":2: 'NOT A NAME' is not a variable name");
  }

  @Test
  void policyPrintsTheImportedPolicyAsYamlAndWarningsApart() throws Exception {
    Path env = envFile("MAIL_FQDN=mx.example.com", "DISABLE_AMAVIS=");

    CommandOutput result = gateway(concat(new String[] {"policy", "--env-file", env.toString()}, volumes()));

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("hostname: mx.example.com").contains("enabled: false");
    assertThat(result.err()).contains("warning: RELAYHOST: not set");
  }

  @Test
  void policyFilePrintedAsJsonRendersForAnInstance() throws Exception {
    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Path yaml = Files.writeString(dir.resolve("p.yaml"), "hostname: mx.example.com\n");
    CommandOutput json = gateway("policy", "--policy", yaml.toString(), "--json");
    Path jsonFile = Files.writeString(dir.resolve("p.json"), json.out());

    CommandOutput result = gateway("render", "--policy", jsonFile.toString(),
        "--out", dir.resolve("root").toString(),
        "--instance-root", dir.resolve("root").toString(), "--listen", "127.0.0.1:2525");

    assertThat(json.out()).contains("\"hostname\" : \"mx.example.com\"");
    assertThat(result.exitCode()).isZero();
    assertThat(Files.readString(dir.resolve("root/postfix/main.cf")))
        .contains("queue_directory = " + dir.resolve("root/queue"));
  }

  @Test
  void anUnknownOptionIsNamedEvenWhenARequiredOneIsMissingAndExitsOne() throws Exception {
    CommandOutput result = gateway("tls", "ca", "--cname", "Test CA", "--out", dir.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("unknown option --cname").contains("Missing required option: '--cn=NAME'")
        .contains("See 'gateway tls ca --help'.");
  }

  @Test
  void aMisspelledOptionValueFormIsNamedToo() throws Exception {
    CommandOutput result = gateway("tls", "check", "--dayz=3", dir.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("--dayz");
  }

  @Test
  void instanceRootWithoutListenIsAUsageError() throws Exception {
    Path yaml = Files.writeString(dir.resolve("p.yaml"), "hostname: mx.example.com\n");

    CommandOutput result = gateway("render", "--policy", yaml.toString(), "--out", dir.toString(),
        "--instance-root", dir.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("--instance-root and --listen go together");
  }

  @Test
  void envWritesTheImagesEnvironmentForAPolicyFile() throws Exception {
    Path yaml = Files.writeString(dir.resolve("p.yaml"),
        "hostname: mx.example.com\nrelayDomains: [example.com]\n");

    CommandOutput result = gateway("env", "--policy", yaml.toString(), "--out", dir.resolve("env").toString());

    assertThat(result.exitCode()).isZero();
    assertThat(Files.readString(dir.resolve("env/gateway.env")))
        .contains("MAIL_FQDN=mx.example.com\n").contains("POSTFIX_RELAY_DOMAINS=example.com\n");
  }

  @Test
  void demoRendersTheDemoPolicyAndSaysWhatItWrote() {
    CommandOutput result = gateway("demo", "--out", dir.resolve("demo").toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("The demo policy:").contains("wrote 12 files:")
        .contains(dir.resolve("demo/postfix/main.cf").toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"render", "policy", "env", "demo"})
  void everyCommandHasHelp(String command) {
    CommandOutput result = gateway(command, "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("Usage: gateway " + command);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
