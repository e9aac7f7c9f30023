package dev.mailgateway.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * A whole mail gateway, as data: who may relay, where mail goes, TLS, content filtering, DKIM.
 * Build one with {@link MailGateway#policy()}; every renderer and the runtime read this.
 *
 * <p>A policy is always valid: building one that is not throws a {@link PolicyException} with
 * every violation.
 */
@Value.Immutable
public abstract class GatewayPolicy {

  /** The image's default host name. */
  public static final Fqdn DEFAULT_HOSTNAME = Fqdn.parse("amavis.mail-gateway");

  /** {@code myhostname}: the gateway's fully-qualified name. */
  @Value.Default
  public Fqdn hostname() {
    return DEFAULT_HOSTNAME;
  }

  /** {@code smtpd_banner}, when it differs from {@code $myhostname ESMTP}. */
  public abstract Optional<String> banner();

  /** The banner in effect. */
  public String effectiveBanner() {
    return banner().orElse("$myhostname ESMTP");
  }

  /** {@code mynetworks}: clients in these networks may relay anywhere. */
  public abstract List<Cidr> trust();

  /** Whether the networks of every interface of the host are trusted too. */
  @Value.Default
  public boolean trustConnectedNetworks() {
    return false;
  }

  /** Whether an open relay ({@code 0.0.0.0/0} or {@code ::/0} trusted) is intended. */
  @Value.Default
  public boolean openRelayAcknowledged() {
    return false;
  }

  /** {@code relayhost}: where mail for other domains goes, instead of their MX hosts. */
  public abstract Optional<NextHop> relayHost();

  /**
   * {@code relay_domains}: domains anyone may send mail to through the gateway, with their
   * subdomains (Postfix's {@code parent_domain_matches_subdomains} includes relay_domains).
   */
  public abstract List<Fqdn> relayDomains();

  /** {@code mydestination}: domains the gateway itself is the final destination for. */
  public abstract List<Fqdn> destinations();

  /** TLS of the SMTP server, when it offers TLS. */
  public abstract Optional<InboundTls> inboundTls();

  /** TLS of the SMTP client, when set. */
  public abstract Optional<OutboundTls> outboundTls();

  /**
   * Load balancers that report clients' addresses with the PROXY protocol ({@code
   * smtpd_upstream_proxy_protocol}), when the gateway stands behind them.
   */
  public abstract Optional<UpstreamProxy> upstreamProxy();

  /** Spam and virus scanning. */
  @Value.Default
  public ContentFilter contentFilter() {
    return ImmutableContentFilter.builder().build();
  }

  /** DKIM signing, when on. */
  public abstract Optional<DkimSigning> dkim();

  /** Queue lifetimes. */
  @Value.Default
  public QueueLifetimes queue() {
    return ImmutableQueueLifetimes.builder().build();
  }

  /** {@code transport_maps}: routes by recipient, in table order. */
  public abstract List<TransportRoute> transports();

  /** {@code header_checks}, in table order. */
  public abstract List<HeaderCheck> headerChecks();

  /** Raw main.cf settings that win over everything rendered, in the order given. */
  public abstract Map<String, String> postfixOverrides();

  /** Things that are valid but probably not meant, with their paths. */
  @Value.Lazy
  public List<Violation> warnings() {
    List<Violation> warnings = new ArrayList<>();
    banner().ifPresent(b -> {
      if (!b.startsWith("$myhostname") && !b.startsWith(hostname().name())) {
        warnings.add(new Violation("banner",
            "RFC 5321 wants the greeting to start with the host name ($myhostname or "
                + hostname() + ")"));
      }
    });
    for (int i = 0; i < trust().size(); i++) {
      if (trust().get(i).isEverything()) {
        warnings.add(new Violation("trust[" + i + "]",
            trust().get(i) + " trusts every client: this gateway is an OPEN RELAY"));
      }
    }
    Set<Fqdn> relay = Set.copyOf(relayDomains());
    for (int i = 0; i < destinations().size(); i++) {
      if (relay.contains(destinations().get(i))) {
        warnings.add(new Violation("destinations[" + i + "]",
            destinations().get(i) + " is a relay domain too; Postfix treats it as a local"
                + " destination (mydestination wins), so mail to it is not relayed"));
      }
    }
    return List.copyOf(warnings);
  }

  @Value.Check
  void check() {
    List<Violation> violations = new ArrayList<>();
    PolicyRules.check(this, violations);
    if (!violations.isEmpty()) {
      throw new PolicyException(violations);
    }
  }
}
