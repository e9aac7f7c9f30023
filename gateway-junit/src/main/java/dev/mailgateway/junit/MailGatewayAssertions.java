package dev.mailgateway.junit;

import dev.mailgateway.runtime.EmbeddedGateway;

/** The entry point of the assertions: {@code assertThat(delivered)}, {@code assertThat(gateway)}. */
public final class MailGatewayAssertions {

  private MailGatewayAssertions() {}

  /** Assertions on a delivered message. */
  public static DeliveredMessageAssert assertThat(DeliveredMessage message) {
    return new DeliveredMessageAssert(message);
  }

  /** Assertions on what a gateway did. */
  public static GatewayAssert assertThat(EmbeddedGateway gateway) {
    return new GatewayAssert(gateway);
  }
}
