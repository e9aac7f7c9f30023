package dev.mailgateway.examples;

import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailGateway;

/**
 * Beyond the image: one of several gateways behind a TCP load balancer (HAProxy, a cloud
 * balancer) that reports each client's address with the PROXY protocol. The balancers' network
 * is not trusted; the clients they report are judged as if they had connected directly.
 */
public final class GatewaysBehindLoadBalancer {

  private GatewaysBehindLoadBalancer() {}

  /** The policy of this scenario. */
  public static GatewayPolicy policy() {
    return MailGateway.policy()
        .hostname("mx1.example.com")
        .trust("192.168.10.0/24")
        .relayDomains("example.com")
        .relayHost("[mailstore.example.com]:25")
        .upstreamProxy(p -> p.loadBalancers("10.0.0.0/24"))
        .withoutContentFilter()
        .build();
  }

  /** Renders the configuration into the folder given, or {@code example-out/load-balanced}. */
  public static void main(String[] args) {
    ExampleOutput.render("load-balanced", policy(), args);
  }
}
