package dev.mailgateway.api;

/**
 * The entry point of the toolkit.
 *
 * <pre>{@code
 * GatewayPolicy policy = MailGateway.policy()
 *     .hostname("mx.example.com")
 *     .trust("10.0.0.0/8")
 *     .relayHost("[smtp.example.net]:587")
 *     .relayDomains("example.com")
 *     .dkim(d -> d.domains("example.com", "example.org"))
 *     .build();
 * }</pre>
 */
public final class MailGateway {

  private MailGateway() {}

  /**
   * Starts a policy with the defaults of the Docker image this toolkit models: host name {@code
   * amavis.mail-gateway}, only {@code 127.0.0.0/8} trusted, Amavis spam and virus checks on.
   */
  public static PolicyBuilder policy() {
    return new PolicyBuilder();
  }
}
