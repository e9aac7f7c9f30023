package dev.mailgateway.runtime.receive;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mailgateway.api.Cidr;
import dev.mailgateway.api.Fqdn;
import dev.mailgateway.api.SecurityLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whatever a client sends, pipelined or not, in one connection: the session answers and ends
 * when the client does, throws nothing out of its thread, and acknowledges a message with 250
 * only when the intake has queued it whole (every 250 "queued as" is one message taken, and
 * each message taken ends with its line end). The policy trusts 127.0.0.1 and relays for
 * example.com, so both relaying and refusals are reached. The seeds in {@code
 * SmtpSessionFuzzTestInputs} are client dialogues (swaks, smtp-source, pipelining, BDAT, bare
 * newlines); fuzzing is {@code bench/fuzz.sh}.
 */
class SmtpSessionFuzzTest {

  private static final Queue INTAKE = new Queue();
  private static final ConcurrentLinkedQueue<Throwable> ESCAPED = new ConcurrentLinkedQueue<>();
  private static final SmtpServer SERVER = start();

  private static SmtpServer start() {
    Map<String, String> overrides = Map.of("smtpd_error_sleep_time", "0s", "smtpd_timeout", "10s");
    SessionPolicy policy = new SessionPolicy("mx.example.test", "mx.example.test ESMTP",
        new RelayPermission(List.of(Cidr.parse("127.0.0.1/32")), List.of(Fqdn.parse("example.com")),
            List.of(), Set.of()),
        SmtpLimits.fromPostfix(overrides), Optional.empty(), SecurityLevel.NONE, List.of(),
        Set.of(), Optional.empty(), BareNewlines.RENDERED);
    ExecutorService sessions = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(() -> {
        try {
          task.run();
        } catch (Throwable escaped) {
          ESCAPED.add(escaped);
        }
      }, "fuzzed-session");
      thread.setDaemon(true);
      return thread;
    });
    return SmtpServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), policy,
        INTAKE, SessionLog.NONE, sessions);
  }

  @FuzzTest(maxDuration = "60s")
  void aSessionAcknowledgesOnlyWhatIsQueuedWhole(byte[] client) throws Exception {
    int before = INTAKE.taken.get();
    String replies;
    try (SilentCloseable loopback = BugDetectors.allowNetworkConnections(
        (host, port) -> port == SERVER.address().getPort());
        Socket socket = new Socket()) {
      socket.connect(SERVER.address(), 5_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(client);
        socket.shutdownOutput();
      } catch (IOException hungUp) {
        // The session may hang up before it read everything (421 after too many errors).
      }
      replies = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    Throwable escaped = ESCAPED.poll();
    if (escaped != null) {
      throw new AssertionError("the session thread threw", escaped);
    }
    // The session's thread hands the message over before it writes 250: count once it ended.
    long acknowledged = replies.lines().filter(line -> line.contains(" queued as ")).count();
    int taken = INTAKE.taken.get() - before;
    if (acknowledged != taken) {
      throw new AssertionError(acknowledged + " messages acknowledged, " + taken + " queued:\n" + replies);
    }
    String broken = INTAKE.unterminated.poll();
    if (broken != null) {
      throw new AssertionError("a message was queued without its final line end: " + broken);
    }
  }

  /** An intake that queues every message in memory, counting them. */
  private static final class Queue implements Intake {
    final AtomicInteger taken = new AtomicInteger();
    final ConcurrentLinkedQueue<String> unterminated = new ConcurrentLinkedQueue<>();

    @Override
    public Incoming begin() {
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      return new Incoming() {
        @Override
        public OutputStream content() {
          return content;
        }

        @Override
        public Verdict finish(Envelope envelope) {
          byte[] bytes = content.toByteArray();
          if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
            unterminated.add(new String(bytes, StandardCharsets.ISO_8859_1));
          }
          return Verdict.queued(Integer.toHexString(taken.incrementAndGet()));
        }

        @Override
        public void close() {
          // Nothing is held outside memory.
        }
      };
    }
  }
}
