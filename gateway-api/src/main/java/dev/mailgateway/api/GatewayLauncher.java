package dev.mailgateway.api;

/**
 * Starts gateways; the runtime module provides it through {@link java.util.ServiceLoader}, so
 * that {@link MailGateway#start} works with the runtime on the classpath and the API stays free
 * of it.
 */
public interface GatewayLauncher {

  /** Starts a gateway running a policy. */
  RunningGateway start(GatewayPolicy policy, GatewayOptions options);
}
