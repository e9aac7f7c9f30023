package dev.mailgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailgateway.config.ProgramRun;
import dev.mailgateway.config.RealPeers;
import dev.mailgateway.runtime.SmtpSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gateway queue} against a running {@code gateway run} (its control socket) and against
 * the spool it leaves when stopped, with a next hop that is down and then up again.
 */
class QueueCommandTest {

  @TempDir
  Path dir;
  int nextHop;
  int port;
  Process gateway;
  SmtpSink sink;

  private Path spool() {
    return dir.resolve("spool");
  }

  private Path log() {
    return dir.resolve("gateway.log");
  }

  private void startGateway() throws Exception {
    Path policy = Files.writeString(dir.resolve("policy.yaml"), "hostname: gateway.example.test\n"
        + "trust: [127.0.0.1/32]\nrelayHost: \"[127.0.0.1]:" + nextHop + "\"\n"
        + "contentFilter: {enabled: false}\n");
    port = RealPeers.freePort();
    Files.deleteIfExists(log());
    gateway = GatewayProcess.start(policy, port, spool(), log());
    GatewayProcess.awaitStarted(log());
  }

  private void stopGateway() throws InterruptedException {
    gateway.destroy();
    assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      gateway.destroyForcibly();
      gateway.waitFor(10, TimeUnit.SECONDS);
    }
    if (sink != null) {
      sink.close();
    }
  }

  /** Sends a message with swaks and returns its queue id. */
  private String send(String subject) {
    ProgramRun swaks = ProgramRun.of(List.of("swaks", "--server", "127.0.0.1:" + port,
        "--from", "alice@example.com", "--to", "bob@elsewhere.example", "--header",
        "Subject: " + subject), Duration.ofSeconds(30));
    Matcher queued = Pattern.compile("queued as ([0-9A-F]+)").matcher(swaks.output());
    assertThat(queued.find()).as(swaks.output()).isTrue();
    return queued.group(1);
  }

  private static boolean within(Duration time, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + time.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(50);
    }
    return condition.getAsBoolean();
  }

  private boolean logSays(String text) {
    try {
      return Files.readString(log()).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  private CommandOutput queue(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "queue";
    all[1] = args[0];
    all[2] = "--spool=" + spool();
    System.arraycopy(args, 1, all, 3, args.length - 1);
    return CommandOutput.of(all);
  }

  private boolean sinkHasMessages(int count) {
    try {
      return sink.messages().size() >= count;
    } catch (IOException e) {
      return false;
    }
  }

  private String deferredMessage() throws Exception {
    nextHop = RealPeers.freePort();
    startGateway();
    String id = send("while the next hop is down");
    assertThat(within(Duration.ofSeconds(15), () -> logSays(id + ": to=<bob@elsewhere.example>")
        && logSays("status=deferred"))).as("deferred").isTrue();
    return id;
  }

  @Test
  void aDeferredMessageIsListedWithItsReasonAndAFlushDeliversItAtOnce() throws Exception {
    String id = deferredMessage();

    CommandOutput list = queue("list");
    CommandOutput json = queue("list", "--json");

    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out()).startsWith("-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------")
        .containsPattern(id + " +\\d+ \\w{3} \\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d  alice@example.com")
        .contains("(connect to 127.0.0.1[127.0.0.1]:" + nextHop)
        .contains("bob@elsewhere.example").contains("-- 1 Kbytes in 1 Request.");
    JsonNode message = new ObjectMapper().readTree(json.out().lines().findFirst().orElseThrow());
    assertThat(message.get("queue_name").asText()).isEqualTo("deferred");
    assertThat(message.get("queue_id").asText()).isEqualTo(id);
    assertThat(message.get("recipients").get(0).get("delay_reason").asText()).contains("connect to");

    sink = SmtpSink.start(dir, List.of(), nextHop);
    long flushedAt = System.nanoTime();
    CommandOutput flush = queue("flush");

    assertThat(flush.out()).contains("flushed 1 deferred message");
    assertThat(within(Duration.ofSeconds(2), () -> sinkHasMessages(1))).as("delivered within 2 s of the flush")
        .isTrue();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - flushedAt)).isLessThan(2000);
    assertThat(within(Duration.ofSeconds(5), () -> queue("list").out().contains("Mail queue is empty"))).isTrue();
  }

  @Test
  void aHeldMessageIsNotFlushedSurvivesARestartAndIsDeletedOnRequest() throws Exception {
    String id = deferredMessage();
    sink = SmtpSink.start(dir, List.of(), nextHop);

    assertThat(queue("hold", id).out()).contains("Placed on hold: 1 message");
    queue("flush");
    Thread.sleep(2000);
    assertThat(sink.messages()).isEmpty();
    assertThat(queue("list").out()).containsPattern(id + "! ");

    stopGateway();
    assertThat(queue("list").out()).as("the stopped gateway's spool").containsPattern(id + "! ");
    startGateway();
    Thread.sleep(1000);
    assertThat(sink.messages()).isEmpty();
    assertThat(queue("list").out()).containsPattern(id + "! ");

    CommandOutput delete = queue("delete", id);

    assertThat(delete.out()).contains("Deleted: 1 message");
    assertThat(within(Duration.ofSeconds(5), () -> logSays(id + ": removed"))).isTrue();
    assertThat(queue("list").out()).contains("Mail queue is empty");
    assertThat(sink.messages()).isEmpty();
  }

  @Test
  void aReleasedMessageIsDeliveredAtOnce() throws Exception {
    String id = deferredMessage();
    queue("hold", id);
    sink = SmtpSink.start(dir, List.of(), nextHop);

    assertThat(queue("release", id).out()).contains("Released from hold: 1 message");

    assertThat(within(Duration.ofSeconds(5), () -> sinkHasMessages(1))).isTrue();
  }

  @Test
  void theQueueOfAStoppedGatewayIsChangedInPlace() throws Exception {
    String id = deferredMessage();
    stopGateway();

    assertThat(queue("hold", "ALL").out()).contains("Placed on hold: 1 message");
    assertThat(queue("list", "--json").out()).contains("\"queue_name\":\"hold\"");
    assertThat(queue("show", id).out()).contains("*** ENVELOPE RECORDS " + id)
        .contains("sender: alice@example.com").contains("Subject: while the next hop is down");
    assertThat(queue("delete", id).out()).contains("Deleted: 1 message");
    assertThat(queue("list").out()).contains("Mail queue is empty");
  }

  @Test
  void anIdNotInTheQueueIsWarnedAbout() throws Exception {
    Files.createDirectories(spool().resolve("queue"));

    CommandOutput delete = queue("delete", "ABCDEF");

    assertThat(delete.exitCode()).isZero();
    assertThat(delete.err()).contains("ABCDEF: no message with this queue id");
    assertThat(delete.out()).contains("Deleted: 0 messages");
  }

  @Test
  void aMissingSpoolIsAClearError() {
    CommandOutput list = queue("list");

    assertThat(list.exitCode()).isEqualTo(1);
    assertThat(list.err()).contains(spool().toString()).contains("no such spool folder");
  }

  @Test
  void aFolderThatIsNoSpoolIsAClearError() throws Exception {
    Files.createDirectories(spool());

    CommandOutput list = queue("list");

    assertThat(list.exitCode()).isEqualTo(1);
    assertThat(list.err()).contains("is not a gateway's spool: it has no queue/ folder");
  }
}
