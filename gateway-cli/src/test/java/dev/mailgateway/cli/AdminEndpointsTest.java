package dev.mailgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailgateway.config.ProgramRun;
import dev.mailgateway.config.RealPeers;
import dev.mailgateway.runtime.SmtpSink;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gateway run --admin-listen}: the health endpoints, and the meters as a real Prometheus
 * scrapes them, checked by its query API against the traffic sent and by promtool's lint.
 */
class AdminEndpointsTest {

  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  Path dir;
  Process gateway;
  Process prometheus;
  SmtpSink sink;
  int smtpPort;
  int adminPort;

  @AfterEach
  void stop() throws Exception {
    for (Process process : new Process[] {gateway, prometheus}) {
      if (process != null) {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    }
    if (sink != null) {
      sink.close();
    }
  }

  private void startGateway(String policyText, String... runOptions) throws Exception {
    int[] ports = RealPeers.freePorts(2);
    smtpPort = ports[0];
    adminPort = ports[1];
    Path policy = Files.writeString(dir.resolve("policy.yaml"), policyText);
    List<String> options = new java.util.ArrayList<>(List.of("--admin-listen", "127.0.0.1:" + adminPort));
    options.addAll(List.of(runOptions));
    gateway = GatewayProcess.start(policy, smtpPort, dir.resolve("spool"), dir.resolve("gateway.log"),
        List.of(), options);
    for (int i = 0; i < 200; i++) {
      try (Socket probe = new Socket("127.0.0.1", adminPort)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("no admin listener: " + Files.readString(dir.resolve("gateway.log")));
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> admin(String path) throws Exception {
    return get("http://127.0.0.1:" + adminPort + path);
  }

  private String relayingPolicy() throws Exception {
    sink = SmtpSink.start(dir);
    return "hostname: gateway.example.test\ntrust: [127.0.0.1/32]\nrelayHost: \"[127.0.0.1]:"
        + sink.port() + "\"\ncontentFilter: {enabled: false}\n";
  }

  private void send(String from) {
    ProgramRun swaks = ProgramRun.of(List.of("swaks", "--server", "127.0.0.1:" + smtpPort,
        "--local-interface", from, "--from", "alice@example.com", "--to", "bob@elsewhere.example"),
        Duration.ofSeconds(30));
    assertThat(swaks.output()).contains("<-  220");
  }

  @Test
  void aRunningGatewayIsLiveAndReady() throws Exception {
    startGateway(relayingPolicy());

    assertThat(admin("/health/live").statusCode()).isEqualTo(200);
    HttpResponse<String> ready = admin("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("{\"status\":\"ready\"}");
  }

  @Test
  void aScannerThatDoesNotAnswerMakesItNotReadyWithTheReason() throws Exception {
    int dead = RealPeers.freePort();
    startGateway("hostname: gateway.example.test\ntrust: [127.0.0.1/32]\n"
        + "contentFilter: {enabled: true, spamChecks: false}\n", "--scanner", "clamd=127.0.0.1:" + dead);

    HttpResponse<String> ready = admin("/health/ready");

    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).startsWith("{\"status\":\"not ready\",\"reasons\":[")
        .contains("the scanner clamd=127.0.0.1:" + dead + " does not answer");
  }

  @Test
  void theAdminListenerIsReadOnlyAndKnowsItsPaths() throws Exception {
    startGateway(relayingPolicy());

    HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + adminPort + "/metrics")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(admin("/queue").statusCode()).isEqualTo(404);
  }

  @Test
  void prometheusScrapesCountersThatMatchTheTrafficAndPromtoolFindsNothing() throws Exception {
    RealPeers.require("prometheus");
    RealPeers.require("promtool");
    startGateway(relayingPolicy());
    for (int i = 0; i < 3; i++) {
      send("127.0.0.1");
    }
    send("127.0.0.2");

    int prometheusPort = RealPeers.freePort();
    Path config = Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1s\n"
        + "scrape_configs:\n  - job_name: gateway\n    static_configs:\n"
        + "      - targets: ['127.0.0.1:" + adminPort + "']\n");
    prometheus = new ProcessBuilder("prometheus", "--config.file=" + config,
        "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + prometheusPort)
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();

    String api = "http://127.0.0.1:" + prometheusPort + "/api/v1/query?query=";
    assertThat(eventually(api, "gateway_deliveries_total{status=\"sent\"}", 3))
        .as(Files.readString(dir.resolve("prometheus.log"))).isEqualTo(3);
    assertThat(eventually(api, "gateway_messages_received_total", 3)).isEqualTo(3);
    assertThat(eventually(api, "gateway_messages_rejected_total{reason=\"relay\"}", 1)).isEqualTo(1);
    assertThat(eventually(api, "gateway_smtpd_connections_total", 4)).isEqualTo(4);
    assertThat(eventually(api, "gateway_delivery_delay_seconds_count", 3)).isEqualTo(3);
    assertThat(eventually(api, "up{job=\"gateway\"}", 1)).isEqualTo(1);

    Path metrics = Files.writeString(dir.resolve("metrics.txt"), admin("/metrics").body());
    ProgramRun lint = ProgramRun.of(List.of("sh", "-c", "promtool check metrics < " + metrics),
        Duration.ofSeconds(30));
    assertThat(lint.exitCode()).as(lint.output()).isZero();
    assertThat(lint.output()).isEmpty();
  }

  /** A query's value, once Prometheus has it at the value expected (or 30 s have passed). */
  private static double eventually(String api, String query, double expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    double value = Double.NaN;
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> answer = get(api + URLEncoder.encode(query, StandardCharsets.UTF_8));
        JsonNode result = new ObjectMapper().readTree(answer.body()).path("data").path("result");
        if (result.size() > 0) {
          value = result.get(0).path("value").get(1).asDouble();
          if (value == expected) {
            return value;
          }
        }
      } catch (IOException notYet) {
        // Prometheus is still starting.
      }
      Thread.sleep(250);
    }
    return value;
  }
}
