package dev.mailgateway.config;

import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.TransportRoute;
import dev.mailgateway.api.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Transport entries that name an application's mail handler ({@code app:NAME}): only the
 * embedded gateway has one, so Postfix and the image cannot be configured to deliver there.
 * Rendering them anyway would leave the mail deferred for ever ("mail transport unavailable").
 */
final class HandlerRoutes {

  private HandlerRoutes() { }

  /** A violation for each such entry, with its path. */
  static List<Violation> in(GatewayPolicy policy) {
    List<Violation> violations = new ArrayList<>();
    for (int i = 0; i < policy.transports().size(); i++) {
      TransportRoute route = policy.transports().get(i);
      if (route.service().equals("app")) {
        violations.add(new Violation("transports[" + i + "]", "'" + route + "' names an"
            + " application's mail handler, which only the embedded gateway has; Postfix cannot"
            + " deliver to it"));
      }
    }
    return violations;
  }
}
