package dev.mailgateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.GatewayOptions;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.api.QueuedMessage;
import dev.mailgateway.config.RealPeers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ETRN delivers the deferred mail of its domain at once, and only that. */
class EtrnTest {

  @TempDir
  Path dir;

  @Test
  void etrnDeliversTheDeferredMailOfItsDomainAndLeavesTheRestWaiting() throws Exception {
    int port = SmtpSink.freePort();
    try (EmbeddedGateway gateway = EmbeddedGateway.start(MailGateway.policy().trust("127.0.0.1/32")
        .relayDomains("relay.example.test").relayHost("[127.0.0.1]:" + port).withoutContentFilter()
        .build(), GatewayOptions.forTests())) {
      for (String recipient : List.of("user@relay.example.test", "user@other.example")) {
        assertThat(RealPeers.run("swaks", "--server", gateway.host() + ":" + gateway.port(),
            "--from", "a@client.example", "--to", recipient, "--timeout", "20").output())
            .contains("queued as");
      }
      awaitAll(gateway, QueuedMessage.State.DEFERRED, 2);

      try (SmtpSink sink = SmtpSink.start(dir, List.of(), port)) {
        assertThat(etrn(gateway, "relay.example.test")).isEqualTo("250 Queuing started");

        Instant deadline = Instant.now().plusSeconds(20);
        while (sink.messages().isEmpty() && Instant.now().isBefore(deadline)) {
          Thread.sleep(50);
        }
        assertThat(sink.messages()).hasSize(1);
        assertThat(gateway.queue().list()).singleElement()
            .satisfies(m -> assertThat(m.recipients()).containsExactly("user@other.example"));
      }
    }
  }

  private static void awaitAll(EmbeddedGateway gateway, QueuedMessage.State state, int count)
      throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (gateway.queue().list().stream().filter(m -> m.state() == state).count() < count) {
      assertThat(Instant.now()).as("%d messages %s", count, state).isBefore(deadline);
      Thread.sleep(50);
    }
  }

  private static String etrn(EmbeddedGateway gateway, String site) throws Exception {
    try (Socket socket = new Socket(gateway.host(), gateway.port())) {
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
          StandardCharsets.US_ASCII));
      in.readLine();
      socket.getOutputStream().write(("HELO client.example\r\nETRN " + site + "\r\nQUIT\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      in.readLine();
      return in.readLine();
    }
  }
}
