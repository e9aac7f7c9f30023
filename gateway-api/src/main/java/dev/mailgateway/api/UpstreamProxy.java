package dev.mailgateway.api;

import java.util.List;
import org.immutables.value.Value;

/**
 * Load balancers in front of the gateway that tell it each client's address with HAProxy's PROXY
 * protocol (version 1 or 2): Postfix's {@code smtpd_upstream_proxy_protocol = haproxy}. Only
 * connections from these networks may, and must, begin with the header; everything that uses
 * the client's address (relay permission, per-client limits, the Received header, the log, the
 * meters) uses the address the balancer reports.
 */
@Value.Immutable
public abstract class UpstreamProxy {

  /** The protocol, as Postfix names it: {@code haproxy}. */
  @Value.Default
  public String protocol() {
    return "haproxy";
  }

  /** The networks the load balancers connect from. */
  public abstract List<Cidr> loadBalancers();

  /** How long a balancer may take to send the header ({@code smtpd_upstream_proxy_timeout}). */
  @Value.Default
  public PostfixDuration timeout() {
    return PostfixDuration.parse("5s", 's');
  }
}
