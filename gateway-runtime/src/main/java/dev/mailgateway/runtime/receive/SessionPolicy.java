package dev.mailgateway.runtime.receive;

import dev.mailgateway.api.Fingerprint;
import dev.mailgateway.api.SecurityLevel;
import dev.mailgateway.api.UpstreamProxy;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * What an SMTP session needs to know of the policy, resolved once when the gateway starts.
 *
 * @param hostname {@code myhostname}
 * @param greeting the text after 220, {@code smtpd_banner} with {@code $myhostname} expanded
 * @param relay the relay decision
 * @param limits the bounds of a session
 * @param tls the server context for STARTTLS, when inbound TLS is on
 * @param tlsLevel {@code smtpd_tls_security_level}
 * @param clientCas the CAs whose client certificates may relay
 * @param pins the fingerprints of client certificates (or their keys) that may relay
 * @param upstream the load balancers that report clients with the PROXY protocol, if any
 * @param bareNewlines whether a message with bare LF line ends is refused, and from whom
 */
public record SessionPolicy(String hostname, String greeting, RelayPermission relay,
    SmtpLimits limits, Optional<SSLContext> tls, SecurityLevel tlsLevel,
    List<X509Certificate> clientCas, Set<Fingerprint> pins, Optional<UpstreamProxy> upstream,
    BareNewlines bareNewlines) {

  /** Copies the parts. */
  public SessionPolicy {
    clientCas = List.copyOf(clientCas);
    pins = Set.copyOf(pins);
  }

  /** A policy for clients that connect directly. */
  public SessionPolicy(String hostname, String greeting, RelayPermission relay,
      SmtpLimits limits, Optional<SSLContext> tls, SecurityLevel tlsLevel,
      List<X509Certificate> clientCas, Set<Fingerprint> pins) {
    this(hostname, greeting, relay, limits, tls, tlsLevel, clientCas, pins, Optional.empty());
  }

  /** A policy that refuses bare newlines as the rendered Postfix does by default. */
  public SessionPolicy(String hostname, String greeting, RelayPermission relay,
      SmtpLimits limits, Optional<SSLContext> tls, SecurityLevel tlsLevel,
      List<X509Certificate> clientCas, Set<Fingerprint> pins, Optional<UpstreamProxy> upstream) {
    this(hostname, greeting, relay, limits, tls, tlsLevel, clientCas, pins, upstream,
        BareNewlines.RENDERED);
  }

  /**
   * Whether a client is exempt from the per-client connection limit: a trusted one, unless the
   * policy's {@code smtpd_client_event_limit_exceptions} leaves {@code $mynetworks} out, or one
   * of the networks that parameter lists.
   */
  public boolean exemptFromClientLimits(java.net.InetAddress client) {
    return limits.limitExceptions().stream().anyMatch(network -> network.contains(client))
        || limits.trustedExemptFromClientLimits()
            && relay.mynetworks().stream().anyMatch(network -> network.contains(client));
  }

  /** Whether a connection comes from a load balancer, which must begin with a PROXY header. */
  boolean fromLoadBalancer(InetAddress peer) {
    return upstream.map(u -> u.loadBalancers().stream().anyMatch(n -> n.contains(peer)))
        .orElse(false);
  }

  /** Whether STARTTLS is offered. */
  boolean offersTls() {
    return tls.isPresent() && tlsLevel != SecurityLevel.NONE;
  }

  /** Whether mail is refused until the client has sent STARTTLS. */
  boolean requiresTls() {
    return offersTls() && tlsLevel == SecurityLevel.ENCRYPT;
  }
}
