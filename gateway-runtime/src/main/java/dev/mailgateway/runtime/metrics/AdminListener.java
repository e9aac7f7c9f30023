package dev.mailgateway.runtime.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mailgateway.runtime.DaemonThreads;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The gateway's read-only HTTP listener for its operators' tools: {@code /health/live} (the
 * process runs), {@code /health/ready} (200, or 503 with every reason, as a load balancer or a
 * Kubernetes readiness probe wants it) and {@code /metrics} in Prometheus's text format. It
 * steers nothing: queue control stays with the owner-only control socket.
 */
public final class AdminListener implements AutoCloseable {

  private static final String JSON = "application/json";
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService threads;

  private AdminListener(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /**
   * Listens on an address (port 0 for a free one).
   *
   * @param readiness why the gateway is not ready; empty when it is
   * @param metrics the meters in Prometheus's text format
   * @throws UncheckedIOException when the address cannot be bound
   */
  public static AdminListener start(InetSocketAddress address, Supplier<List<String>> readiness,
      Supplier<String> metrics) {
    HttpServer server;
    try {
      server = HttpServer.create(address, 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen for the admin endpoints on " + address + ": "
          + e.getMessage(), e);
    }
    ExecutorService threads = Executors.newFixedThreadPool(2, new DaemonThreads("admin-http"));
    server.setExecutor(threads);
    server.createContext("/", exchange -> {
      try (exchange) {
        if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
          exchange.getResponseHeaders().set("Allow", "GET, HEAD");
          send(exchange, 405, JSON, "{\"error\":\"read only: GET and HEAD\"}");
          return;
        }
        switch (exchange.getRequestURI().getPath()) {
          case "/health/live" -> send(exchange, 200, JSON, "{\"status\":\"live\"}");
          case "/health/ready" -> ready(exchange, readiness.get());
          case "/metrics" -> send(exchange, 200, PROMETHEUS_TEXT, metrics.get());
          default -> send(exchange, 404, JSON,
              "{\"error\":\"not found: /health/live, /health/ready and /metrics are\"}");
        }
      }
    });
    server.start();
    return new AdminListener(server, threads);
  }

  private static void ready(HttpExchange exchange, List<String> problems) throws IOException {
    if (problems.isEmpty()) {
      send(exchange, 200, JSON, "{\"status\":\"ready\"}");
      return;
    }
    StringBuilder body = new StringBuilder("{\"status\":\"not ready\",\"reasons\":[");
    for (int i = 0; i < problems.size(); i++) {
      body.append(i == 0 ? "" : ",");
      dev.mailgateway.runtime.log.JsonLogFormat.appendString(body, problems.get(i));
    }
    send(exchange, 503, JSON, body.append("]}").toString());
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** The address it listens on. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
