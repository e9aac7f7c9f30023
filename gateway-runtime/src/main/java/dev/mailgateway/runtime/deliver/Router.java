package dev.mailgateway.runtime.deliver;

import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.NextHop;
import dev.mailgateway.api.TransportRoute;
import dev.mailgateway.runtime.receive.Mailbox;
import java.util.Locale;
import java.util.Optional;

/**
 * Resolves recipients to routes as Postfix's trivial-rewrite does for a gateway: the transport
 * table first (full address, then the domain, then each parent as {@code .parent}, then {@code
 * *}); then the relay host for everything else; without one, the recipient's domain (its MX
 * hosts).
 */
public final class Router {

  private final GatewayPolicy policy;

  /** A router for a policy. */
  public Router(GatewayPolicy policy) {
    this.policy = policy;
  }

  /** The route of a recipient. */
  public Route route(Mailbox recipient) {
    Optional<TransportRoute> entry = lookup(recipient);
    String service = entry.map(TransportRoute::service).filter(s -> !s.isEmpty()).orElse("smtp");
    if (service.equals("error") || service.equals("retry") || service.equals("discard")
        || service.equals("app")) {
      return new Route(service, Optional.empty(), entry.get().nexthop());
    }
    Optional<NextHop> hop = entry.flatMap(TransportRoute::nextHop)
        .or(policy::relayHost)
        .or(() -> Optional.of(NextHop.parse(recipient.isAddressLiteral()
            ? recipient.domain().replace("IPv6:", "ipv6:") : recipient.domain())));
    return new Route(service, hop, "");
  }

  private Optional<TransportRoute> lookup(Mailbox recipient) {
    String address = (recipient.localPart() + "@" + recipient.domain()).toLowerCase(Locale.ROOT);
    String domain = recipient.domain();
    for (TransportRoute route : policy.transports()) {
      if (route.pattern().equals(address)) {
        return Optional.of(route);
      }
    }
    for (TransportRoute route : policy.transports()) {
      if (route.pattern().equals(domain)) {
        return Optional.of(route);
      }
    }
    for (String rest = domain; rest.indexOf('.') >= 0; ) {
      rest = rest.substring(rest.indexOf('.') + 1);
      String parent = "." + rest;
      for (TransportRoute route : policy.transports()) {
        if (route.pattern().equals(parent)) {
          return Optional.of(route);
        }
      }
    }
    return policy.transports().stream().filter(r -> r.pattern().equals("*")).findFirst();
  }
}
