package dev.mailgateway.runtime;

import dev.mailgateway.api.GatewayLauncher;
import dev.mailgateway.api.GatewayOptions;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.RunningGateway;

/** The runtime's entry for {@link dev.mailgateway.api.MailGateway#start}, found by ServiceLoader. */
public final class RuntimeLauncher implements GatewayLauncher {

  @Override
  public RunningGateway start(GatewayPolicy policy, GatewayOptions options) {
    return EmbeddedGateway.start(policy, options);
  }
}
