package dev.mailgateway.examples;

import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailGateway;

/**
 * Scenario 3: an inbound gateway that queues mail for several domains and routes each to its
 * server, holding it for a week when a server is down.
 */
public final class InboundGateway {

  private InboundGateway() {}

  /** The policy of this scenario. */
  public static GatewayPolicy policy() {
    return MailGateway.policy()
        .hostname("mx1.example.com")
        .relayDomains("example.com", "example.org")
        .route("example.com", "smtp:[10.0.1.25]:25")
        .route("example.org", "smtp:[10.0.2.25]:25")
        .maximalQueueLifetime("7d")
        .bounceQueueLifetime("2d")
        .withoutContentFilter()
        .build();
  }

  /** Renders the configuration into the folder given, or {@code example-out/inbound}. */
  public static void main(String[] args) {
    ExampleOutput.render("inbound", policy(), args);
  }
}
