package dev.mailgateway.runtime.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailgateway.runtime.GatewayEvent;
import dev.mailgateway.runtime.GatewayEvents;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonLogFormatTest {

  private static JsonNode json(GatewayEvent event) throws Exception {
    StringBuilder out = new StringBuilder();
    new JsonLogFormat("gateway.example.test").append(event, out);
    assertThat(out.toString()).endsWith("\n");
    assertThat(out.toString().lines()).hasSize(1);
    return new ObjectMapper().readTree(out.toString());
  }

  @Test
  void anEventIsOneObjectWithItsFieldsUnderTheirNames() throws Exception {
    JsonNode sent = json(new GatewayEvent(Instant.parse("2026-11-28T10:00:00.125Z"), "A1B2C3",
        GatewayEvent.Kind.SENT, "to=<bob@elsewhere.example>", GatewayEvents.fields(
            "to", "<bob@elsewhere.example>", "relay", "127.0.0.1[127.0.0.1]:25", "dsn", "2.0.0",
            "status", "sent")));

    assertThat(sent.get("time").asText()).isEqualTo("2026-11-28T10:00:00.125Z");
    assertThat(sent.get("host").asText()).isEqualTo("gateway.example.test");
    assertThat(sent.get("event").asText()).isEqualTo("sent");
    assertThat(sent.get("queue_id").asText()).isEqualTo("A1B2C3");
    assertThat(sent.get("relay").asText()).isEqualTo("127.0.0.1[127.0.0.1]:25");
    assertThat(sent.get("dsn").asText()).isEqualTo("2.0.0");
  }

  @Test
  void controlCharactersAQuoteAndABackslashAreEscaped() throws Exception {
    String hostile = "RCPT TO:<x@y>\r\n{\"event\":\"forged\"}\u0000\u001b[2J\\";

    JsonNode refused = json(new GatewayEvent(Instant.EPOCH, "NOQUEUE", GatewayEvent.Kind.REFUSED,
        hostile, GatewayEvents.fields("command", hostile)));

    assertThat(refused.get("command").asText()).isEqualTo(hostile);
    assertThat(refused.get("event").asText()).isEqualTo("refused");
  }
}
