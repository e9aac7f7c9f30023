package dev.mailgateway.runtime.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.GatewayOptions;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.config.PostfixInstance;
import dev.mailgateway.config.ProgramRun;
import dev.mailgateway.config.RealPeers;
import dev.mailgateway.runtime.EmbeddedGateway;
import dev.mailgateway.runtime.SmtpSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mail log against Postfix's: the same traffic (relayed, refused at RCPT, refused by a
 * header check, deferred by a next hop answering 4xx, bounced by one answering 5xx, and the
 * bounce delivered) through a private real Postfix and through the runtime, each writing its
 * log; pflogsumm reads both and counts the same.
 */
class MailLogDifferentialTest {

  @TempDir
  static Path root;
  @TempDir
  static Path postfixRoot;
  static SmtpSink accepting;
  static SmtpSink deferring;
  static SmtpSink refusing;
  static PostfixInstance postfix;
  static EmbeddedGateway runtime;
  static MailLog runtimeLog;
  static Path runtimeLogFile;

  @BeforeAll
  static void start() throws Exception {
    RealPeers.require("pflogsumm");
    // The sinks drop root for nobody, who must reach their folders below this one.
    Files.setPosixFilePermissions(root, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    accepting = SmtpSink.start(Files.createDirectories(root.resolve("accepting")));
    deferring = SmtpSink.start(Files.createDirectories(root.resolve("deferring")), List.of("-r", "RCPT"));
    refusing = SmtpSink.start(Files.createDirectories(root.resolve("refusing")), List.of("-f", "RCPT"));
    GatewayPolicy policy = MailGateway.policy()
        .hostname("gateway.example.test")
        .trust("127.0.0.1/32")
        .withoutContentFilter()
        .route("elsewhere.example", "smtp:[127.0.0.1]:" + accepting.port())
        .route("example.com", "smtp:[127.0.0.1]:" + accepting.port())
        .route("later.example", "smtp:[127.0.0.1]:" + deferring.port())
        .route("never.example", "smtp:[127.0.0.1]:" + refusing.port())
        .headerCheck("/^Subject:.*forbidden/ REJECT no thanks")
        .build();
    postfix = PostfixInstance.start(policy, postfixRoot);
    runtime = EmbeddedGateway.start(policy, GatewayOptions.forTests());
    runtimeLogFile = root.resolve("runtime.log");
    runtimeLog = MailLog.to(runtimeLogFile, new PostfixLogFormat("gateway.example.test",
        ZoneId.systemDefault()));
    runtime.events().listen(runtimeLog);
    for (String[] at : new String[][] {{postfix.host(), Integer.toString(postfix.port())},
        {runtime.host(), Integer.toString(runtime.port())}}) {
      send(at, "127.0.0.1", "bob@elsewhere.example", "hello");
      send(at, "127.0.0.2", "bob@elsewhere.example", "not yours to relay");
      send(at, "127.0.0.1", "bob@elsewhere.example", "something forbidden");
      send(at, "127.0.0.1", "carol@later.example", "try later");
      send(at, "127.0.0.1", "dave@never.example", "no such user");
    }
  }

  private static void send(String[] at, String from, String to, String subject) {
    ProgramRun run = ProgramRun.of(List.of("swaks", "--server", at[0] + ":" + at[1],
        "--local-interface", from, "--helo", "client.example", "--from", "alice@example.com",
        "--to", to, "--header", "Subject: " + subject, "--timeout", "20"), Duration.ofSeconds(60));
    assertThat(run.output()).contains("<-  220");
  }

  @AfterAll
  static void stop() throws Exception {
    if (runtime != null) {
      runtime.close();
    }
    if (runtimeLog != null) {
      runtimeLog.close();
    }
    if (postfix != null) {
      postfix.close();
    }
    for (SmtpSink sink : new SmtpSink[] {accepting, deferring, refusing}) {
      if (sink != null) {
        sink.close();
      }
    }
  }

  /**
   * The counts of pflogsumm's summary (received, delivered, deferred, bounced, rejected), once
   * the log holds the expected number of delivery lines: relayed, the bounce, deferred, bounced.
   */
  private static Map<String, Integer> summary(Supplier<String> log, String syslogName)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (count(log.get(), "status=") < 4 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    Path file = Files.writeString(root.resolve(syslogName + ".summarised"), log.get());
    ProgramRun pflogsumm = ProgramRun.of(List.of("pflogsumm", "--syslog-name=" + syslogName,
        "--problems-first", file.toString()), Duration.ofSeconds(60));
    assertThat(pflogsumm.exitCode()).as(pflogsumm.output()).isZero();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String name : List.of("received", "delivered", "deferred", "bounced", "rejected")) {
      Matcher count = Pattern.compile("(?m)^\\s+(\\d+)\\s+" + name + "\\b").matcher(pflogsumm.output());
      assertThat(count.find()).as("pflogsumm's '%s' in%n%s", name, pflogsumm.output()).isTrue();
      counts.put(name, Integer.parseInt(count.group(1)));
    }
    return counts;
  }

  private static int count(String text, String what) {
    return text.split(Pattern.quote(what), -1).length - 1;
  }

  @Test
  void pflogsummCountsTheRuntimesLogAsPostfixs() throws Exception {
    Map<String, Integer> fromPostfix = summary(postfix::log, syslogName(postfix.log()));
    Map<String, Integer> fromRuntime = summary(() -> {
      runtimeLog.flush();
      try {
        return Files.readString(runtimeLogFile, StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, "postfix");

    assertThat(fromPostfix).as("Postfix's log:%n%s", postfix.log()).containsExactly(Map.entry("received", 4), Map.entry("delivered", 2),
        Map.entry("deferred", 1), Map.entry("bounced", 1), Map.entry("rejected", 2));
    assertThat(fromRuntime).isEqualTo(fromPostfix);
  }

  @Test
  void theRuntimesDeliveryLinesHaveEveryFieldPostfixsHave() throws Exception {
    runtimeLog.flush();
    List<String> postfixLines = fieldsOfDeliveryLines(postfix.log());
    List<String> runtimeLines = fieldsOfDeliveryLines(Files.readString(runtimeLogFile));

    assertThat(runtimeLines).isNotEmpty().containsExactlyInAnyOrderElementsOf(postfixLines);
  }

  /** The shape of each delivery line: its field names in order, and its status. */
  private static List<String> fieldsOfDeliveryLines(String log) {
    List<String> shapes = new ArrayList<>();
    Matcher line = Pattern.compile("(?m)^.*: [0-9A-Z]+: (to=.*)$").matcher(log);
    while (line.find()) {
      String fields = line.group(1).replaceFirst(" \\(.*$", "");
      shapes.add(String.join(",", Pattern.compile("([a-z]+)=").matcher(fields).results()
          .map(name -> name.group(1)).toList()) + " " + fields.replaceFirst(".*status=", ""));
    }
    return shapes;
  }

  /** The syslog name a private Postfix instance logs under: {@code postfix-<folder>}. */
  private static String syslogName(String log) {
    Matcher name = Pattern.compile("(?m) (postfix[^/\\s]*)/smtpd\\[").matcher(log);
    assertThat(name.find()).as(log).isTrue();
    return name.group(1);
  }
}
