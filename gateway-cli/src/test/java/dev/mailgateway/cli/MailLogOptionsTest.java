package dev.mailgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailgateway.config.ProgramRun;
import dev.mailgateway.config.RealPeers;
import dev.mailgateway.runtime.SmtpSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway run}'s mail log: Postfix's lines by default, to a file or standard output; JSON. */
class MailLogOptionsTest {

  @TempDir
  Path dir;

  /** Runs the gateway, relays one message through it to a sink, stops it; returns the log. */
  private String relayOne(List<String> runOptions, Path log) throws Exception {
    try (SmtpSink sink = SmtpSink.start(dir)) {
      int port = RealPeers.freePort();
      Path policy = Files.writeString(dir.resolve("policy.yaml"), "hostname: gateway.example.test\n"
          + "trust: [127.0.0.1/32]\nrelayHost: \"[127.0.0.1]:" + sink.port() + "\"\n"
          + "contentFilter: {enabled: false}\n");
      Process gateway = GatewayProcess.start(policy, port, dir.resolve("spool"),
          dir.resolve("stdout.log"), List.of(), runOptions);
      try {
        GatewayProcess.awaitStarted(dir.resolve("stdout.log"));
        ProgramRun swaks = ProgramRun.of(List.of("swaks", "--server", "127.0.0.1:" + port,
            "--from", "alice@example.com", "--to", "bob@elsewhere.example"), Duration.ofSeconds(30));
        assertThat(swaks.output()).contains("250 2.0.0 Ok: queued as");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!(Files.exists(log) && Files.readString(log).contains("removed"))
            && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
      } finally {
        gateway.destroy();
        gateway.waitFor(20, TimeUnit.SECONDS);
      }
      return Files.readString(log);
    }
  }

  @Test
  void theMailLogGoesToAFileInPostfixsFormat() throws Exception {
    Path file = dir.resolve("mail.log");

    String log = relayOne(List.of("--mail-log", file.toString()), file);

    assertThat(log).containsPattern("(?m)^[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d gateway "
        + "postfix/smtpd\\[\\d+\\]: connect from unknown\\[127\\.0\\.0\\.1\\]$")
        .containsPattern("postfix/qmgr\\[\\d+\\]: [0-9A-F]+: from=<alice@example.com>, size=\\d+,"
            + " nrcpt=1 \\(queue active\\)")
        .containsPattern("postfix/smtp\\[\\d+\\]: [0-9A-F]+: to=<bob@elsewhere.example>,"
            + " relay=127.0.0.1\\[127.0.0.1\\]:\\d+, delay=[\\d.]+, delays=[\\d./]+, dsn=2.0.0, status=sent")
        .containsPattern("postfix/qmgr\\[\\d+\\]: [0-9A-F]+: removed");
    assertThat(Files.readString(dir.resolve("stdout.log"))).doesNotContain("postfix/smtpd");
  }

  @Test
  void theStartSaysWhatSignsDkimNativelyOnThisMachine() throws Exception {
    Path file = dir.resolve("mail.log");
    Path policy = Files.writeString(dir.resolve("policy.yaml"), "hostname: gateway.example.test\n"
        + "contentFilter: {enabled: false}\n"
        + "dkim: {domains: [example.com], keyDirectory: " + dir.resolve("keys") + "}\n");
    Process gateway = GatewayProcess.start(policy, RealPeers.freePort(), dir.resolve("spool"),
        dir.resolve("stdout.log"), List.of(), List.of("--mail-log", file.toString()));
    try {
      GatewayProcess.awaitStarted(dir.resolve("stdout.log"));
    } finally {
      gateway.destroy();
      gateway.waitFor(20, TimeUnit.SECONDS);
    }

    assertThat(Files.readString(file)).containsPattern("DKIM signing: rsa-sha256 and ed25519-sha256"
        + " by Amazon\\S* 2\\.5\\.0 \\(native, AWS-LC\\)");
  }

  @Test
  void theJsonFormatIsOneObjectPerEventOnStandardOutput() throws Exception {
    Path stdout = dir.resolve("stdout.log");

    String log = relayOne(List.of("--log-format", "json"), stdout);

    List<String> events = new ArrayList<>();
    for (String line : log.lines().filter(l -> l.startsWith("{")).toList()) {
      JsonNode event = new ObjectMapper().readTree(line);
      events.add(event.get("event").asText());
    }
    assertThat(events).containsSubsequence("connected", "received", "disconnected")
        .containsSubsequence("received", "sent", "removed");
  }

  @Test
  void anUnknownLogFormatIsAUsageError() throws Exception {
    Path policy = Files.writeString(dir.resolve("policy.yaml"),
        "hostname: gateway.example.test\ncontentFilter: {enabled: false}\n");

    CommandOutput result = CommandOutput.of("run", "--policy", policy.toString(), "--listen",
        "127.0.0.1:0", "--spool", dir.resolve("spool").toString(), "--log-format", "xml");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("--log-format is postfix or json, not 'xml'");
  }
}
