package dev.mailgateway.examples;

import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailGateway;

/** Scenario 6: an outbound gateway for listed networks, IPv4 and IPv6. */
public final class ListedNetworksRelay {

  private ListedNetworksRelay() {}

  /** The policy of this scenario. */
  public static GatewayPolicy policy() {
    return MailGateway.policy()
        .hostname("relay.example.com")
        .trust("127.0.0.0/8", "192.168.10.0/24", "2001:db8:10::/48")
        .relayHost("[smtp.provider.example]:587")
        .withoutContentFilter()
        .build();
  }

  /** Renders the configuration into the folder given, or {@code example-out/networks}. */
  public static void main(String[] args) {
    ExampleOutput.render("networks", policy(), args);
  }
}
