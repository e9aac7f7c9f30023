package dev.mailgateway.examples;

import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailGateway;

/**
 * Scenario 2: a spam and virus filter in front of a mailbox server. Mail for the domain is
 * scanned by Amavis (ClamAV, SpamAssassin) and handed to the mailbox server.
 */
public final class InboundSpamFilter {

  private InboundSpamFilter() {}

  /** The policy of this scenario. */
  public static GatewayPolicy policy() {
    return MailGateway.policy()
        .hostname("mx.example.com")
        .relayDomains("example.com")
        .route("example.com", "smtp:[mailbox.internal.example.com]:25")
        .contentFilter(filter -> filter.tag2Level("5").killLevel("12"))
        .build();
  }

  /** Renders the configuration into the folder given, or {@code example-out/spam-filter}. */
  public static void main(String[] args) {
    ExampleOutput.render("spam-filter", policy(), args);
  }
}
