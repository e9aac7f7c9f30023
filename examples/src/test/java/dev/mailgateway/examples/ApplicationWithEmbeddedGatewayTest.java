package dev.mailgateway.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.GatewayOptions;
import dev.mailgateway.api.MailEnvelope;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.api.RunningGateway;
import dev.mailgateway.config.ProgramRun;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The embedding example, run: submitted mail and SMTP mail both become tickets. */
class ApplicationWithEmbeddedGatewayTest {

  @Test
  void submittedAndSmtpMailForSupportBecomeTickets() throws Exception {
    BlockingQueue<String> tickets = new LinkedBlockingQueue<>();
    try (RunningGateway gateway = MailGateway.start(ApplicationWithEmbeddedGateway.policy(),
        GatewayOptions.forTests().handling("tickets", ApplicationWithEmbeddedGateway.ticketDesk(tickets)))) {
      gateway.submit(MailEnvelope.of("alice@example.com", "help@support.example.com"),
          new ByteArrayInputStream("Subject: from the application\r\n\r\nx\r\n"
              .getBytes(StandardCharsets.US_ASCII)));
      ProgramRun swaks = ProgramRun.of(List.of("swaks", "--server", gateway.host() + ":" + gateway.port(),
          "--from", "carol@customer.example", "--to", "help@support.example.com",
          "--header", "Subject: over SMTP"), Duration.ofSeconds(30));

      assertThat(swaks.output()).contains("queued as");
      assertThat(List.of(tickets.poll(10, TimeUnit.SECONDS), tickets.poll(10, TimeUnit.SECONDS)))
          .containsExactlyInAnyOrder("from the application (from alice@example.com)",
              "over SMTP (from carol@customer.example)");
    }
  }

  @Test
  void theExampleRunsAsAProgram() throws Exception {
    ApplicationWithEmbeddedGateway.main(new String[0]);
  }
}
