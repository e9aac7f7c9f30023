package dev.mailgateway.runtime.receive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.GatewayOptions;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.runtime.EmbeddedGateway;
import dev.mailgateway.runtime.GatewayToSinkTest;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Replies held back for a pipelining client reach it, even when its connection ends oddly. */
class PipelinedRepliesTest extends GatewayToSinkTest {

  @Test
  void aQueuedMessageIsAcknowledgedWhenTheClientHalfClosesInsideItsNextCommand() throws Exception {
    // Found by SmtpSessionFuzzTest: the 250 was held while the next command was read, and lost
    // when that command ended without its line end, though the message was queued.
    gateway = EmbeddedGateway.start(MailGateway.policy().trust("127.0.0.1/32")
        .relayHost("[127.0.0.1]:" + sink.port()).withoutContentFilter().build(), GatewayOptions.forTests());
    String replies;
    try (Socket socket = new Socket(gateway.host(), gateway.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("EHLO c\r\nMAIL FROM:<a@c.example>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n"
          + "Subject: pipelined\r\n\r\nbody\r\n.\r\nNOOP\r\nNO").getBytes(StandardCharsets.US_ASCII));
      socket.shutdownOutput();
      replies = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }

    assertThat(replies).contains("250 2.0.0 Ok: queued as ").contains("250 2.0.0 Ok\r\n");
  }
}
