package dev.mailgateway.runtime.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgateway.api.NextHop;
import dev.mailgateway.runtime.SmtpSink;
import dev.mailgateway.runtime.queue.QueuedContent;
import dev.mailgateway.runtime.receive.Mailbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnDemandSmtpClientTest {

  @TempDir
  Path folder;

  private DeliveryResult send(OnDemandSmtpClient client, NextHop hop) throws Exception {
    Path message = Files.writeString(folder.resolve("m"), "Subject: x\r\n\r\nbody\r\n");
    return client.send(hop, Optional.of(new Mailbox("a", "example.com")),
        List.of(new Mailbox("b", "elsewhere.example")), new QueuedContent(message, 0));
  }

  @Test
  void noClientIsMadeUntilTheFirstDelivery() {
    try (OnDemandSmtpClient client = new OnDemandSmtpClient("gateway.example.test",
        Duration.ofSeconds(5))) {
      assertThat(client.made()).isFalse();
    }
  }

  @Test
  void theFirstDeliveryMakesTheClientAndRelays() throws Exception {
    try (SmtpSink sink = SmtpSink.start(folder);
        OnDemandSmtpClient client = new OnDemandSmtpClient("gateway.example.test",
            Duration.ofSeconds(5))) {
      DeliveryResult result = send(client, NextHop.parse("[127.0.0.1]:" + sink.port()));

      assertThat(result.delivered()).as(result.reply()).containsExactly(new Mailbox("b", "elsewhere.example"));
      assertThat(client.made()).isTrue();
    }
  }

  @Test
  void aClosedClientDeliversNothing() {
    OnDemandSmtpClient client = new OnDemandSmtpClient("gateway.example.test",
        Duration.ofSeconds(5));
    client.close();

    assertThatThrownBy(() -> send(client, NextHop.parse("[127.0.0.1]:25")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThat(client.made()).isFalse();
  }
}
