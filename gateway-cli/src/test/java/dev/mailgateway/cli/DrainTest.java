package dev.mailgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.config.ProgramRun;
import dev.mailgateway.config.RealPeers;
import dev.mailgateway.runtime.SmtpSink;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to {@code gateway run} behind a load balancer: not ready at once, still serving for the
 * drain period, then stopped with its queue on disk, which a restart delivers.
 */
class DrainTest {

  @TempDir
  Path dir;
  Process gateway;
  SmtpSink sink;

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

  private static int status(int adminPort) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
          + adminPort + "/health/ready")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static boolean answers(int port) {
    try (Socket probe = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private Process start(Path policy, int port, int adminPort) throws Exception {
    Process process = GatewayProcess.start(policy, port, dir.resolve("spool"), dir.resolve("gateway.log"),
        List.of(), List.of("--admin-listen", "127.0.0.1:" + adminPort, "--drain", "3s"));
    GatewayProcess.awaitStarted(dir.resolve("gateway.log"));
    for (int i = 0; i < 200 && status(adminPort) != 200; i++) {
      Thread.sleep(50);
    }
    return process;
  }

  @Test
  void aDrainingGatewayIsNotReadyServesForTheDrainPeriodThenStopsWithItsQueue() throws Exception {
    int[] ports = RealPeers.freePorts(3);
    int nextHop = ports[2];
    Path policy = Files.writeString(dir.resolve("policy.yaml"), "hostname: gateway.example.test\n"
        + "trust: [127.0.0.1/32]\nrelayHost: \"[127.0.0.1]:" + nextHop + "\"\n"
        + "contentFilter: {enabled: false}\n");
    gateway = start(policy, ports[0], ports[1]);
    assertThat(status(ports[1])).isEqualTo(200);

    gateway.destroy();
    long termAt = System.nanoTime();
    long deadline = termAt + TimeUnit.SECONDS.toNanos(2);
    while (status(ports[1]) != 503 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }

    assertThat(status(ports[1])).as("not ready once SIGTERM arrives").isEqualTo(503);
    ProgramRun swaks = ProgramRun.of(List.of("swaks", "--server", "127.0.0.1:" + ports[0],
        "--from", "alice@example.com", "--to", "bob@elsewhere.example"), Duration.ofSeconds(30));
    assertThat(swaks.output()).as("still serving while draining").contains("250 2.0.0 Ok: queued as");
    assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - termAt)).isGreaterThanOrEqualTo(2900);
    assertThat(answers(ports[0])).isFalse();

    sink = SmtpSink.start(dir, List.of(), nextHop);
    gateway = start(policy, ports[0], ports[1]);
    CommandOutput flush = CommandOutput.of("queue", "flush", "--spool", dir.resolve("spool").toString());
    assertThat(flush.exitCode()).as(flush.err()).isZero();
    long delivered = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (sink.messages().isEmpty() && System.nanoTime() < delivered) {
      Thread.sleep(50);
    }
    assertThat(sink.messages()).as("the restart delivers what was queued").hasSize(1);
  }
}
