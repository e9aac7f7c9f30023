package dev.mailgateway.cli;

import dev.mailgateway.runtime.SmtpSink;
import dev.mailgateway.config.RealPeers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the gateway process under load, then a restart on the same queue: every message
 * that got 250 arrives at the next hop. (At least once: one delivered just before the kill may
 * arrive twice, as with Postfix.)
 */
class CrashTest {

  @TempDir
  Path dir;

  private Process gateway(Path policy, int port) throws IOException {
    return GatewayProcess.start(policy, port, dir.resolve("spool"), dir.resolve("gateway.log"));
  }

  private static void awaitListening(int port) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("the gateway did not listen on " + port);
  }

  /** Sends one message; true when the gateway answered 250 after the data. */
  private static boolean send(int port, int number) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
          StandardCharsets.US_ASCII));
      OutputStream out = socket.getOutputStream();
      in.readLine();
      String[] commands = {"HELO load.example", "MAIL FROM:<load@example.com>",
          "RCPT TO:<sink@elsewhere.example>", "DATA"};
      for (String command : commands) {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String reply = in.readLine();
        if (reply == null || !(reply.startsWith("2") || reply.startsWith("354"))) {
          return false;
        }
      }
      out.write(("Subject: crash-" + number + "\r\n\r\n" + "x".repeat(bodyLength(number)) + "\r\n.\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String reply = in.readLine();
      return reply != null && reply.startsWith("250");
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Bodies of many lengths: the queue reuses the files of delivered messages, and a shorter
   * message in a longer one's file must come out whole and no longer.
   */
  private static int bodyLength(int number) {
    return 300 + (number % 11) * 400;
  }

  /** The numbers of the messages that arrived; a message whose body is not its own fails. */
  private static Set<Integer> arrived(SmtpSink sink) throws IOException {
    Set<Integer> numbers = new HashSet<>();
    for (Path file : sink.messages()) {
      String text = Files.readString(file, StandardCharsets.ISO_8859_1);
      int at = text.indexOf("Subject: crash-");
      if (at >= 0) {
        int end = text.indexOf('\n', at);
        int number = Integer.parseInt(text.substring(at + 15, end).strip());
        String body = text.substring(text.indexOf("\n\n", at) + 2).strip();
        assertThat(body).as("the body of crash-" + number).isEqualTo("x".repeat(bodyLength(number)));
        numbers.add(number);
      }
    }
    return numbers;
  }

  @Test
  void everyAcknowledgedMessageArrivesAfterAKillAndARestart() throws Exception {
    SmtpSink sink = SmtpSink.start(dir);
    int port = RealPeers.freePort();
    Path policy = Files.writeString(dir.resolve("policy.yaml"), "hostname: gateway.example.test\n"
        + "trust: [127.0.0.1/32]\nrelayHost: \"[127.0.0.1]:" + sink.port() + "\"\n"
        + "contentFilter: {enabled: false}\n");
    Process first = gateway(policy, port);
    Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
    try {
      awaitListening(port);
      AtomicInteger next = new AtomicInteger();
      ExecutorService clients = Executors.newFixedThreadPool(10);
      for (int c = 0; c < 10; c++) {
        clients.execute(() -> {
          while (first.isAlive()) {
            int number = next.getAndIncrement();
            if (send(port, number)) {
              acknowledged.add(number);
            }
          }
        });
      }
      Thread.sleep(1500);
      first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      clients.shutdown();
      clients.awaitTermination(20, TimeUnit.SECONDS);

      Process second = gateway(policy, port);
      try {
        Set<Integer> arrived = Set.of();
        for (int i = 0; i < 300; i++) {
          arrived = arrived(sink);
          if (arrived.containsAll(acknowledged)) {
            break;
          }
          Thread.sleep(100);
        }
        List<Integer> lost = new ArrayList<>(acknowledged);
        lost.removeAll(arrived);
        assertThat(acknowledged).as("messages acknowledged before the kill").isNotEmpty();
        assertThat(lost).as("acknowledged but never delivered").isEmpty();
      } finally {
        second.destroy();
        second.waitFor(20, TimeUnit.SECONDS);
      }
    } finally {
      first.destroyForcibly();
      sink.close();
    }
  }
}
