package dev.mailgateway.cli;

import dev.mailgateway.runtime.SmtpSink;
import dev.mailgateway.config.RealPeers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

  private final NumberedMessages messages = new NumberedMessages("crash-");

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
            if (messages.send(port, number)) {
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
          arrived = messages.arrived(sink).keySet();
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
