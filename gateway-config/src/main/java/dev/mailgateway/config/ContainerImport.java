package dev.mailgateway.config;

import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.Violation;
import java.util.List;

/**
 * The policy the image's environment and volumes describe, and the warnings found on the way,
 * each naming the variable or file it comes from.
 *
 * @param policy the policy
 * @param warnings what is valid but probably not meant, or what the image would do silently
 */
public record ContainerImport(GatewayPolicy policy, List<Violation> warnings) {

  /** Copies the warnings. */
  public ContainerImport {
    warnings = List.copyOf(warnings);
  }
}
