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

  /**
   * Runs a policy in this process on loopback and a free port, the queue in memory: a gateway
   * for a test or an application, started in well under a second.
   *
   * @throws IllegalStateException when gateway-runtime is not on the classpath
   */
  public static RunningGateway start(GatewayPolicy policy) {
    return start(policy, GatewayOptions.forTests());
  }

  /** Runs a policy in this process with options. */
  public static RunningGateway start(GatewayPolicy policy, GatewayOptions options) {
    return launcher().start(policy, options);
  }

  /**
   * The runtime's launcher: looked up by its name first, since a service lookup opens every jar
   * on the class path (a tenth of a second at a first start), then as a service.
   */
  private static GatewayLauncher launcher() {
    try {
      return (GatewayLauncher) Class.forName("dev.mailgateway.runtime.RuntimeLauncher", true,
              MailGateway.class.getClassLoader()).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException | LinkageError notThere) {
      return java.util.ServiceLoader.load(GatewayLauncher.class).findFirst()
          .orElseThrow(() -> new IllegalStateException(
              "no gateway runtime found: add dev.mailgateway:gateway-runtime to the classpath"));
    }
  }
}
