package dev.mailgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.config.RealPeers;
import dev.mailgateway.runtime.SmtpSink;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code gateway run} instances behind a real HAProxy (the repository's configuration,
 * {@code send-proxy-v2}) under a load of 10,000 messages: one is drained with SIGTERM and
 * restarted, the other killed with {@code kill -9} and restarted. Every message that got 250
 * arrives; how many arrived twice is printed (only the killed instance's deliveries in flight
 * may, as with Postfix).
 */
class LoadBalancedRestartTest {

  private static final int MESSAGES = 10_000;
  private static final String BALANCER = "127.0.0.9";

  @TempDir
  Path dir;
  final List<Process> processes = new ArrayList<>();
  SmtpSink sink;

  @AfterEach
  void stop() throws Exception {
    for (Process process : processes) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    if (sink != null) {
      sink.close();
    }
  }

  private Process gateway(String name, Path policy, int port) throws Exception {
    Path log = dir.resolve(name + ".log");
    Process process = GatewayProcess.start(policy, port, dir.resolve("spool-" + name), log,
        List.of(), List.of("--drain", "1s"));
    processes.add(process);
    GatewayProcess.awaitStarted(log);
    return process;
  }

  @Test
  void everyAcknowledgedMessageArrivesThroughADrainAndAKill() throws Exception {
    RealPeers.require("haproxy");
    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    sink = SmtpSink.start(Files.createDirectories(dir.resolve("sink")));
    Path policy = Files.writeString(dir.resolve("policy.yaml"), "hostname: gateway.example.test\n"
        + "trust: [127.0.0.1/32]\nrelayHost: \"[127.0.0.1]:" + sink.port() + "\"\n"
        + "contentFilter: {enabled: false}\n"
        + "upstreamProxy: {protocol: haproxy, loadBalancers: [" + BALANCER + "/32]}\n");
    int[] ports = RealPeers.freePorts(3);
    gateway("drained", policy, ports[1]);
    gateway("killed", policy, ports[2]);
    String template = Files.readString(Path.of("..", "docs", "deploy", "haproxy.cfg"));
    Path config = Files.writeString(dir.resolve("haproxy.cfg"), template
        .replace("${LISTEN}", "127.0.0.1:" + ports[0]).replace("${SEND_PROXY}", "send-proxy-v2")
        .replace("${SOURCE}", BALANCER).replace("${SERVER1}", "127.0.0.1:" + ports[1])
        .replace("${SERVER2}", "127.0.0.1:" + ports[2]));
    Process haproxy = new ProcessBuilder("haproxy", "-f", config.toString(), "-db")
        .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
    processes.add(haproxy);
    for (int i = 0; i < 200; i++) {
      try (Socket probe = new Socket("127.0.0.1", ports[0])) {
        break;
      } catch (IOException notYet) {
        Thread.sleep(25);
      }
    }

    NumberedMessages messages = new NumberedMessages("lb-");
    Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger next = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(20);
    for (int c = 0; c < 20; c++) {
      clients.execute(() -> {
        for (int number = next.getAndIncrement(); number < MESSAGES; number = next.getAndIncrement()) {
          // A message refused or cut off (its gateway going away) is sent again, as a client would.
          for (int attempt = 0; attempt < 20; attempt++) {
            if (messages.send(ports[0], number)) {
              acknowledged.add(number);
              break;
            }
            sleep(50);
          }
        }
      });
    }
    clients.shutdown();
    awaitSent(next, MESSAGES / 4);
    Process drained = processes.get(0);
    drained.destroy();
    assertThat(drained.waitFor(60, TimeUnit.SECONDS)).isTrue();
    processes.set(0, gateway("drained", policy, ports[1]));
    awaitSent(next, MESSAGES * 3 / 5);
    Process killed = processes.get(1);
    killed.destroyForcibly();
    assertThat(killed.waitFor(20, TimeUnit.SECONDS)).isTrue();
    processes.set(1, gateway("killed", policy, ports[2]));
    assertThat(clients.awaitTermination(10, TimeUnit.MINUTES)).isTrue();

    Map<Integer, Integer> arrived = Map.of();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      arrived = messages.arrived(sink);
      if (arrived.keySet().containsAll(acknowledged)) {
        break;
      }
      Thread.sleep(500);
    }
    List<Integer> lost = new ArrayList<>(acknowledged);
    lost.removeAll(arrived.keySet());
    long twice = arrived.values().stream().filter(count -> count > 1).count();
    System.out.println("LoadBalancedRestartTest: " + acknowledged.size() + " of " + MESSAGES
        + " messages acknowledged, " + arrived.size() + " arrived, " + twice + " of them twice");
    assertThat(acknowledged).as("acknowledged, a refused or cut-off message sent again").hasSize(MESSAGES);
    assertThat(lost).as("acknowledged but never delivered").isEmpty();
    assertThat(twice).as("arrived twice: at most the killed instance's deliveries in flight")
        .isLessThanOrEqualTo(20);
  }

  private static void awaitSent(AtomicInteger next, int count) throws InterruptedException {
    while (next.get() < count) {
      Thread.sleep(20);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
