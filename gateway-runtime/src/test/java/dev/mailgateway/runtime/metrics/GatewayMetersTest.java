package dev.mailgateway.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.GatewayOptions;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.config.ProgramRun;
import dev.mailgateway.runtime.EmbeddedGateway;
import dev.mailgateway.runtime.GatewayEvent;
import dev.mailgateway.runtime.GatewayEvents;
import dev.mailgateway.runtime.SmtpSink;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayMetersTest {

  @TempDir
  Path dir;

  private static GatewayEvent event(GatewayEvent.Kind kind, Map<String, String> fields) {
    return new GatewayEvent(Instant.EPOCH, "A1", kind, "", fields);
  }

  @Test
  void anEmbeddersOwnRegistryGetsTheGatewaysMeters() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (SmtpSink sink = SmtpSink.start(dir);
        EmbeddedGateway gateway = EmbeddedGateway.start(MailGateway.policy()
            .hostname("gateway.example.test").trust("127.0.0.1/32")
            .relayHost("[127.0.0.1]:" + sink.port()).withoutContentFilter().build(),
            GatewayOptions.forTests().metered(registry))) {
      for (String client : List.of("127.0.0.1", "127.0.0.2")) {
        ProgramRun.of(List.of("swaks", "--server", gateway.host() + ":" + gateway.port(),
            "--local-interface", client, "--from", "alice@example.com", "--to", "bob@elsewhere.example"),
            Duration.ofSeconds(30));
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (registry.get("gateway.deliveries").tag("status", "sent").counter().count() < 1
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }

      assertThat(registry.get("gateway.smtpd.connections").counter().count()).isEqualTo(2);
      assertThat(registry.get("gateway.messages.received").counter().count()).isEqualTo(1);
      assertThat(registry.get("gateway.messages.rejected").tag("reason", "relay").counter().count())
          .isEqualTo(1);
      assertThat(registry.get("gateway.deliveries").tag("status", "sent").counter().count()).isEqualTo(1);
      assertThat(registry.get("gateway.delivery.delay").timer().count()).isEqualTo(1);
      assertThat(registry.get("gateway.queue.messages").tag("state", "deferred").gauge().value()).isZero();
    }
  }

  @Test
  void aSessionOverTheErrorLimitIsCountedAsLimits() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (EmbeddedGateway gateway = EmbeddedGateway.start(MailGateway.policy()
            .hostname("gateway.example.test").trust("127.0.0.1/32").withoutContentFilter()
            .postfix("smtpd_error_sleep_time", "0").build(),
            GatewayOptions.forTests().metered(registry));
        Socket socket = new Socket(gateway.host(), gateway.port())) {
      socket.setSoTimeout(10_000);
      BufferedReader in = new BufferedReader(
          new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
      in.readLine();
      String reply = "";
      for (int i = 0; i < 30 && !reply.startsWith("421"); i++) {
        out.write("BOGUS\r\n");
        out.flush();
        reply = in.readLine();
      }

      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (registry.get("gateway.messages.rejected").tag("reason", "limits").counter().count() < 1
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }

      assertThat(reply).contains("too many errors");
      assertThat(registry.get("gateway.messages.rejected").tag("reason", "limits").counter().count())
          .isEqualTo(1);
      assertThat(registry.get("gateway.messages.rejected").tag("reason", "other").counter().count())
          .isZero();
    }
  }

  @Test
  void mailBeforeStarttlsWhereTlsIsRequiredIsCountedAsTls() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new GatewayMeters(registry, Map::of).accept(event(GatewayEvent.Kind.TURNED_AWAY,
        GatewayEvents.fields("reason", "tls", "limit", "smtpd_enforce_tls",
            "reply", "530 5.7.0 Must issue a STARTTLS command first")));

    assertThat(registry.get("gateway.messages.rejected").tag("reason", "tls").counter().count())
        .isEqualTo(1);
  }

  @Test
  void aHeaderCheckRejectIsCountedAsSuch() {
    assertThat(GatewayMeters.reason(event(GatewayEvent.Kind.REJECTED,
        GatewayEvents.fields("action", "reject", "header", "Subject: x")))).isEqualTo("header_check");
  }

  @Test
  void aVirusRejectIsCountedAsAVirus() {
    assertThat(GatewayMeters.reason(event(GatewayEvent.Kind.REJECTED,
        GatewayEvents.fields("category", "virus", "reply", "5.7.1 Rejected: virus")))).isEqualTo("virus");
  }

  @Test
  void aSizeRefusalIsCountedAsSize() {
    assertThat(GatewayMeters.reason(event(GatewayEvent.Kind.REFUSED,
        GatewayEvents.fields("reply", "552 5.3.4 Message size exceeds fixed limit")))).isEqualTo("size");
  }
}
