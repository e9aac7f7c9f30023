package dev.mailgateway.examples;

import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailGateway;

/**
 * Scenario 5: an outbound gateway for the containers on the networks this host is connected to
 * (the image's AUTO_TRUST_NETWORKS); the networks are read when the policy is rendered.
 */
public final class ContainerNetworksRelay {

  private ContainerNetworksRelay() {}

  /** The policy of this scenario. */
  public static GatewayPolicy policy() {
    return MailGateway.policy()
        .hostname("relay.docker.example.com")
        .trustConnectedNetworks()
        .relayHost("[smtp.provider.example]:587")
        .withoutContentFilter()
        .build();
  }

  /** Renders the configuration into the folder given, or {@code example-out/containers}. */
  public static void main(String[] args) {
    ExampleOutput.render("containers", policy(), args);
  }
}
