package dev.mailgateway.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The fluent DSL that builds a {@link GatewayPolicy}. Values are given as text, the way they are
 * written in Postfix's configuration, and checked all together by {@link #build()}, which
 * reports every violation with its path ({@code trust[1]: 10.0.0.0/33 is not a CIDR...}).
 */
public final class PolicyBuilder {

  private Optional<String> hostname = Optional.empty();
  private Optional<String> banner = Optional.empty();
  private final List<String> trust = new ArrayList<>();
  private boolean trustConnectedNetworks;
  private boolean openRelayAcknowledged;
  private Optional<String> relayHost = Optional.empty();
  private final List<String> relayDomains = new ArrayList<>();
  private final List<String> destinations = new ArrayList<>();
  private Optional<InboundTlsBuilder> inboundTls = Optional.empty();
  private Optional<OutboundTlsBuilder> outboundTls = Optional.empty();
  private Optional<UpstreamProxyBuilder> upstreamProxy = Optional.empty();
  private final ContentFilterBuilder contentFilter = new ContentFilterBuilder();
  private Optional<DkimBuilder> dkim = Optional.empty();
  private Optional<String> maximalQueueLifetime = Optional.empty();
  private Optional<String> bounceQueueLifetime = Optional.empty();
  private final List<String[]> routes = new ArrayList<>();
  private final List<String> headerChecks = new ArrayList<>();
  private final Map<String, String> postfixOverrides = new LinkedHashMap<>();

  PolicyBuilder() {}

  /** {@code myhostname}: the gateway's fully-qualified name. */
  public PolicyBuilder hostname(String fqdn) {
    hostname = Optional.of(fqdn);
    return this;
  }

  /** {@code smtpd_banner}; it should start with {@code $myhostname}. */
  public PolicyBuilder banner(String text) {
    banner = Optional.of(text);
    return this;
  }

  /**
   * Adds networks whose clients may relay anywhere ({@code mynetworks}). With none given, and
   * connected networks not trusted, {@code 127.0.0.0/8} is trusted.
   */
  public PolicyBuilder trust(String... cidrs) {
    for (String cidr : cidrs) {
      trust.add(Objects.requireNonNull(cidr, "cidr"));
    }
    return this;
  }

  /** Trusts the networks of every interface of the host, as the image's AUTO_TRUST_NETWORKS. */
  public PolicyBuilder trustConnectedNetworks() {
    trustConnectedNetworks = true;
    return this;
  }

  /** Says that trusting {@code 0.0.0.0/0} or {@code ::/0}, an open relay, is intended. */
  public PolicyBuilder acknowledgeOpenRelay() {
    openRelayAcknowledged = true;
    return this;
  }

  /** {@code relayhost}: {@code [host]:port}, {@code host:port} or {@code host}. */
  public PolicyBuilder relayHost(String nextHop) {
    relayHost = Optional.of(nextHop);
    return this;
  }

  /** Adds {@code relay_domains}: domains anyone may send mail to through the gateway. */
  public PolicyBuilder relayDomains(String... domains) {
    for (String domain : domains) {
      relayDomains.add(Objects.requireNonNull(domain, "domain"));
    }
    return this;
  }

  /** Adds {@code mydestination} domains. A gateway usually has none: prefer relay domains. */
  public PolicyBuilder destinations(String... domains) {
    for (String domain : domains) {
      destinations.add(Objects.requireNonNull(domain, "domain"));
    }
    return this;
  }

  /** Configures TLS of the SMTP server. */
  public PolicyBuilder inboundTls(Consumer<InboundTlsBuilder> spec) {
    spec.accept(inboundTls.orElseGet(() -> {
      InboundTlsBuilder builder = new InboundTlsBuilder();
      inboundTls = Optional.of(builder);
      return builder;
    }));
    return this;
  }

  /**
   * The gateway stands behind load balancers that report each client's address with HAProxy's
   * PROXY protocol ({@code smtpd_upstream_proxy_protocol = haproxy}).
   */
  public PolicyBuilder upstreamProxy(Consumer<UpstreamProxyBuilder> spec) {
    spec.accept(upstreamProxy.orElseGet(() -> {
      UpstreamProxyBuilder builder = new UpstreamProxyBuilder();
      upstreamProxy = Optional.of(builder);
      return builder;
    }));
    return this;
  }

  /** Configures TLS of the SMTP client. */
  public PolicyBuilder outboundTls(Consumer<OutboundTlsBuilder> spec) {
    spec.accept(outboundTls.orElseGet(() -> {
      OutboundTlsBuilder builder = new OutboundTlsBuilder();
      outboundTls = Optional.of(builder);
      return builder;
    }));
    return this;
  }

  /** Configures spam and virus scanning. */
  public PolicyBuilder contentFilter(Consumer<ContentFilterBuilder> spec) {
    spec.accept(contentFilter);
    return this;
  }

  /** Turns content filtering off, as the image's DISABLE_AMAVIS. */
  public PolicyBuilder withoutContentFilter() {
    contentFilter.enabled(false);
    return this;
  }

  /** Turns DKIM signing on and configures it. */
  public PolicyBuilder dkim(Consumer<DkimBuilder> spec) {
    spec.accept(dkim.orElseGet(() -> {
      DkimBuilder builder = new DkimBuilder();
      dkim = Optional.of(builder);
      return builder;
    }));
    return this;
  }

  /** {@code maximal_queue_lifetime}, in Postfix's time syntax; a bare number means days. */
  public PolicyBuilder maximalQueueLifetime(String duration) {
    maximalQueueLifetime = Optional.of(duration);
    return this;
  }

  /** {@code bounce_queue_lifetime}, in Postfix's time syntax; a bare number means days. */
  public PolicyBuilder bounceQueueLifetime(String duration) {
    bounceQueueLifetime = Optional.of(duration);
    return this;
  }

  /**
   * Adds a transport table entry: mail matching the pattern ({@code example.com}, {@code
   * .example.com}, {@code user@example.com}, {@code *}) goes to {@code service:nexthop}.
   */
  public PolicyBuilder route(String pattern, String transport) {
    routes.add(new String[] {Objects.requireNonNull(pattern, "pattern"),
        Objects.requireNonNull(transport, "transport")});
    return this;
  }

  /** Adds a header_checks rule: {@code /pattern/flags ACTION text}. */
  public PolicyBuilder headerCheck(String rule) {
    headerChecks.add(Objects.requireNonNull(rule, "rule"));
    return this;
  }

  /** Sets a main.cf parameter after everything rendered; the last value given wins. */
  public PolicyBuilder postfix(String parameter, String value) {
    postfixOverrides.remove(parameter);
    postfixOverrides.put(Objects.requireNonNull(parameter, "parameter"),
        Objects.requireNonNull(value, "value"));
    return this;
  }

  /**
   * Builds the policy.
   *
   * @throws PolicyException with every violation found, each with its path
   */
  public GatewayPolicy build() {
    // Plain conditionals, not Optional's lambdas: each lambda is a class spun when it first
    // runs, ~0.3 ms in a fresh JVM, and a test suite's first gateway pays for every one
    // (bench/cold-start.sh). A parser below is linked only when its value was given.
    Violations violations = new Violations();
    ImmutableGatewayPolicy.Builder policy = ImmutableGatewayPolicy.builder();
    if (hostname.isPresent()) {
      Optional<Fqdn> name = violations.parse("hostname", hostname.get(), Fqdn::parse);
      if (name.isPresent()) {
        policy.hostname(name.get());
      }
    }
    policy.banner(banner);
    if (!trust.isEmpty()) {
      policy.addAllTrust(parseAll(violations, "trust", trust, Cidr::parse));
    } else if (!trustConnectedNetworks) {
      policy.addTrust(Cidr.parse("127.0.0.0/8"));
    }
    policy.trustConnectedNetworks(trustConnectedNetworks);
    policy.openRelayAcknowledged(openRelayAcknowledged);
    if (relayHost.isPresent()) {
      policy.relayHost(violations.parse("relayHost", relayHost.get(), NextHop::parse));
    }
    if (!relayDomains.isEmpty()) {
      policy.addAllRelayDomains(parseAll(violations, "relayDomains", relayDomains, Fqdn::parse));
    }
    if (!destinations.isEmpty()) {
      policy.addAllDestinations(parseAll(violations, "destinations", destinations, Fqdn::parse));
    }
    if (inboundTls.isPresent()) {
      policy.inboundTls(inboundTls.get().build(violations));
    }
    if (outboundTls.isPresent()) {
      policy.outboundTls(outboundTls.get().build(violations));
    }
    if (upstreamProxy.isPresent()) {
      policy.upstreamProxy(upstreamProxy.get().build(violations));
    }
    policy.contentFilter(contentFilter.build(violations));
    if (dkim.isPresent()) {
      policy.dkim(dkim.get().build(violations));
    }
    ImmutableQueueLifetimes.Builder queue = ImmutableQueueLifetimes.builder();
    if (maximalQueueLifetime.isPresent()) {
      queue.maximal(violations.parse("queue.maximalLifetime", maximalQueueLifetime.get(),
          PostfixDuration::parseDays));
    }
    if (bounceQueueLifetime.isPresent()) {
      queue.bounce(violations.parse("queue.bounceLifetime", bounceQueueLifetime.get(),
          PostfixDuration::parseDays));
    }
    policy.queue(queue.build());
    for (int i = 0; i < routes.size(); i++) {
      String[] route = routes.get(i);
      violations.parse("transports[" + i + "]", route[1], r -> TransportRoute.parse(route[0], r))
          .ifPresent(policy::addTransports);
    }
    if (!headerChecks.isEmpty()) {
      policy.addAllHeaderChecks(parseAll(violations, "headerChecks", headerChecks, HeaderCheck::parse));
    }
    policy.putAllPostfixOverrides(postfixOverrides);
    Optional<GatewayPolicy> built = Optional.empty();
    try {
      built = Optional.of(policy.build());
    } catch (PolicyException e) {
      violations.addAll(e.violations());
    }
    violations.throwIfAny();
    return built.orElseThrow();
  }

  static <T> List<T> parseAll(Violations violations, String path, List<String> raw,
      java.util.function.Function<String, T> parser) {
    List<T> parsed = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Optional<T> value = violations.parse(path, i, raw.get(i), parser);
      if (value.isPresent()) {
        parsed.add(value.get());
      }
    }
    return parsed;
  }
}
