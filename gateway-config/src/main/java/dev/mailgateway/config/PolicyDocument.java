package dev.mailgateway.config;

import dev.mailgateway.api.ClientFingerprint;
import dev.mailgateway.api.ContentFilter;
import dev.mailgateway.api.Fqdn;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.HeaderCheck;
import dev.mailgateway.api.TransportRoute;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A policy as a tree of maps, lists and scalars: the shape of a policy file. Every field is
 * written, defaults included, so that a file says the whole policy. The field names are the
 * paths that violations name.
 */
final class PolicyDocument {

  private PolicyDocument() {}

  static Map<String, Object> of(GatewayPolicy policy) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("hostname", policy.hostname().name());
    policy.banner().ifPresent(b -> doc.put("banner", b));
    doc.put("trust", strings(policy.trust()));
    doc.put("trustConnectedNetworks", policy.trustConnectedNetworks());
    doc.put("openRelayAcknowledged", policy.openRelayAcknowledged());
    policy.relayHost().ifPresent(h -> doc.put("relayHost", h.toString()));
    doc.put("relayDomains", names(policy.relayDomains()));
    doc.put("destinations", names(policy.destinations()));
    Map<String, Object> tls = new LinkedHashMap<>();
    policy.inboundTls().ifPresent(in -> {
      Map<String, Object> inbound = new LinkedHashMap<>();
      inbound.put("certificate", in.certificate().toString());
      inbound.put("key", in.key().toString());
      inbound.put("securityLevel", in.securityLevel().postfixName());
      in.clientCa().ifPresent(ca -> inbound.put("clientCa", ca.toString()));
      inbound.put("fingerprints", in.fingerprints().stream().map(PolicyDocument::fingerprint).toList());
      tls.put("inbound", inbound);
    });
    policy.outboundTls().ifPresent(out -> {
      Map<String, Object> outbound = new LinkedHashMap<>();
      out.certificate().ifPresent(c -> outbound.put("certificate", c.toString()));
      out.key().ifPresent(k -> outbound.put("key", k.toString()));
      outbound.put("securityLevel", out.securityLevel().postfixName());
      tls.put("outbound", outbound);
    });
    if (!tls.isEmpty()) {
      doc.put("tls", tls);
    }
    doc.put("contentFilter", contentFilter(policy.contentFilter()));
    policy.dkim().ifPresent(dkim -> {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("domains", names(dkim.domains()));
      d.put("selector", dkim.selector());
      d.put("algorithm", dkim.algorithm().tag());
      d.put("keyBits", dkim.keyBits());
      d.put("keyDirectory", dkim.keyDirectory().toString());
      d.put("maximumSignaturesToVerify", dkim.maximumSignaturesToVerify());
      doc.put("dkim", d);
    });
    policy.upstreamProxy().ifPresent(proxy -> {
      Map<String, Object> upstream = new LinkedHashMap<>();
      upstream.put("protocol", proxy.protocol());
      upstream.put("loadBalancers", proxy.loadBalancers().stream().map(Object::toString).toList());
      upstream.put("timeout", proxy.timeout().toString());
      doc.put("upstreamProxy", upstream);
    });
    Map<String, Object> queue = new LinkedHashMap<>();
    policy.queue().maximal().ifPresent(d -> queue.put("maximalLifetime", d.toString()));
    policy.queue().bounce().ifPresent(d -> queue.put("bounceLifetime", d.toString()));
    if (!queue.isEmpty()) {
      doc.put("queue", queue);
    }
    doc.put("transports", policy.transports().stream().map(PolicyDocument::route).toList());
    doc.put("headerChecks", policy.headerChecks().stream().map(HeaderCheck::toString).toList());
    doc.put("postfixOverrides", new LinkedHashMap<>(policy.postfixOverrides()));
    return doc;
  }

  private static Map<String, Object> fingerprint(ClientFingerprint entry) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("fingerprint", entry.fingerprint().toString());
    map.put("label", entry.label());
    return map;
  }

  private static Map<String, Object> route(TransportRoute route) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("pattern", route.pattern());
    map.put("transport", route.result());
    return map;
  }

  private static Map<String, Object> contentFilter(ContentFilter filter) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("enabled", filter.enabled());
    map.put("virusChecks", filter.virusChecks());
    map.put("spamChecks", filter.spamChecks());
    map.put("tagLevel", filter.tagLevel().toString());
    map.put("tag2Level", filter.tag2Level().toString());
    map.put("killLevel", filter.killLevel().toString());
    map.put("spamDestiny", filter.spamDestiny().policyName());
    map.put("virusDestiny", filter.virusDestiny().policyName());
    map.put("quarantineDirectory", filter.quarantineDirectory().toString());
    map.put("failOpen", filter.failOpen());
    return map;
  }

  private static List<String> strings(List<?> values) {
    return values.stream().map(Object::toString).toList();
  }

  private static List<String> names(List<Fqdn> domains) {
    return domains.stream().map(Fqdn::name).toList();
  }
}
