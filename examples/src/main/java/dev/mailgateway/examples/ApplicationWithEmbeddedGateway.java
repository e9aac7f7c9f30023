package dev.mailgateway.examples;

import dev.mailgateway.api.GatewayOptions;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailEnvelope;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.api.MailHandler;
import dev.mailgateway.api.MailHandlerException;
import dev.mailgateway.api.RunningGateway;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An application that embeds a gateway: it hands its own mail over in-process ({@code submit},
 * no SMTP), and the mail for {@code support.example.com}, from the application or from anyone
 * over SMTP, reaches its ticket handler through the queue ({@code app:tickets}), retried if the
 * handler fails for now and kept across restarts until it has taken it.
 */
public final class ApplicationWithEmbeddedGateway {

  private ApplicationWithEmbeddedGateway() {}

  /** The policy: mail for the support domain goes to the application's handler named tickets. */
  public static GatewayPolicy policy() {
    return MailGateway.policy()
        .hostname("app.example.com")
        .relayDomains("support.example.com")
        .route("support.example.com", "app:tickets")
        .withoutContentFilter()
        .build();
  }

  /**
   * The handler: opens a ticket per message, named by its subject. A message with no subject is
   * refused for good (bounced to its sender).
   */
  public static MailHandler ticketDesk(BlockingQueue<String> tickets) {
    return message -> {
      String subject;
      try (InputStream in = message.content()) {
        subject = subject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      if (subject.isEmpty()) {
        throw MailHandlerException.permanent("a ticket needs a subject");
      }
      tickets.add(subject + " (from " + message.sender().orElse("<>") + ")");
    };
  }

  private static String subject(String message) {
    for (String line : message.split("\r\n")) {
      if (line.isEmpty()) {
        break;
      }
      if (line.regionMatches(true, 0, "Subject:", 0, 8)) {
        return line.substring(8).strip();
      }
    }
    return "";
  }

  /** Runs the gateway, submits one message to support, prints the ticket it opened, stops. */
  public static void main(String[] args) throws IOException, InterruptedException {
    BlockingQueue<String> tickets = new LinkedBlockingQueue<>();
    try (RunningGateway gateway = MailGateway.start(policy(),
        GatewayOptions.forTests().handling("tickets", ticketDesk(tickets)))) {
      String id = gateway.submit(MailEnvelope.of("alice@example.com", "help@support.example.com"),
          new ByteArrayInputStream(("From: alice@example.com\r\nTo: help@support.example.com\r\n"
              + "Subject: The printer is on fire\r\n\r\nPlease come quickly.\r\n")
              .getBytes(StandardCharsets.UTF_8)));
      System.out.println("queued as " + id + "; SMTP on " + gateway.host() + ":" + gateway.port());
      System.out.println("ticket opened: " + tickets.poll(10, TimeUnit.SECONDS));
    }
  }
}
