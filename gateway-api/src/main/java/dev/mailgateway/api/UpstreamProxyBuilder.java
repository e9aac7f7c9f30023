package dev.mailgateway.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Part of the DSL: load balancers speaking HAProxy's PROXY protocol ({@code smtpd_upstream_proxy_*}). */
public final class UpstreamProxyBuilder {

  private static final String PATH = "upstreamProxy";

  private Optional<String> protocol = Optional.empty();
  private final List<String> loadBalancers = new ArrayList<>();
  private Optional<String> timeout = Optional.empty();

  UpstreamProxyBuilder() {}

  /** The protocol: {@code haproxy}, the only one Postfix knows. */
  public UpstreamProxyBuilder protocol(String name) {
    protocol = Optional.of(name);
    return this;
  }

  /** The networks the load balancers connect from, as CIDRs ({@code 10.0.0.0/24}). */
  public UpstreamProxyBuilder loadBalancers(String... cidrs) {
    loadBalancers.addAll(List.of(cidrs));
    return this;
  }

  /** {@code smtpd_upstream_proxy_timeout}: how long a balancer may take to send the header (5s). */
  public UpstreamProxyBuilder timeout(String duration) {
    timeout = Optional.of(duration);
    return this;
  }

  Optional<UpstreamProxy> build(Violations violations) {
    ImmutableUpstreamProxy.Builder proxy = ImmutableUpstreamProxy.builder();
    protocol.ifPresent(name -> {
      if (name.equals("haproxy")) {
        proxy.protocol(name);
      } else {
        violations.add(PATH + ".protocol", "'" + name + "' is not an upstream proxy protocol:"
            + " Postfix knows haproxy (PROXY protocol versions 1 and 2)");
      }
    });
    if (loadBalancers.isEmpty()) {
      violations.add(PATH + ".loadBalancers", "name the networks the load balancers connect from:"
          + " only they may send the PROXY header");
    }
    proxy.addAllLoadBalancers(PolicyBuilder.parseAll(violations, PATH + ".loadBalancers",
        loadBalancers, Cidr::parse));
    timeout.flatMap(t -> violations.parse(PATH + ".timeout", t, d -> PostfixDuration.parse(d, 's')))
        .ifPresent(proxy::timeout);
    return Optional.of(proxy.build());
  }
}
