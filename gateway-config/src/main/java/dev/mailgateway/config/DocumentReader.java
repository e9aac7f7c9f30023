package dev.mailgateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.InboundTlsBuilder;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.api.OutboundTlsBuilder;
import dev.mailgateway.api.PolicyBuilder;
import dev.mailgateway.api.PolicyException;
import dev.mailgateway.api.Violation;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads a policy file's tree into the DSL, so that a file gets the same validation as code. Type
 * errors and unknown fields are violations too, with the same paths.
 */
final class DocumentReader {

  private final List<Violation> violations = new ArrayList<>();

  static GatewayPolicy read(JsonNode root) {
    return new DocumentReader().policy(root);
  }

  private GatewayPolicy policy(JsonNode root) {
    PolicyBuilder policy = MailGateway.policy();
    Fields top = new Fields(root, "");
    top.string("hostname", policy::hostname);
    top.string("banner", policy::banner);
    top.strings("trust", policy::trust);
    top.flag("trustConnectedNetworks", policy::trustConnectedNetworks);
    top.flag("openRelayAcknowledged", policy::acknowledgeOpenRelay);
    top.string("relayHost", policy::relayHost);
    top.strings("relayDomains", policy::relayDomains);
    top.strings("destinations", policy::destinations);
    top.object("tls", tls -> {
      tls.object("inbound", in -> policy.inboundTls(t -> inbound(in, t)));
      tls.object("outbound", out -> policy.outboundTls(t -> outbound(out, t)));
    });
    top.object("upstreamProxy", proxy -> policy.upstreamProxy(p -> {
      proxy.string("protocol", p::protocol);
      proxy.strings("loadBalancers", p::loadBalancers);
      proxy.scalar("timeout", p::timeout);
    }));
    top.object("contentFilter", cf -> policy.contentFilter(c -> {
      cf.bool("enabled", c::enabled);
      cf.bool("virusChecks", c::virusChecks);
      cf.bool("spamChecks", c::spamChecks);
      cf.scalar("tagLevel", c::tagLevel);
      cf.scalar("tag2Level", c::tag2Level);
      cf.scalar("killLevel", c::killLevel);
      cf.string("spamDestiny", c::spamDestiny);
      cf.string("virusDestiny", c::virusDestiny);
      cf.path("quarantineDirectory", c::quarantineDirectory);
      cf.bool("failOpen", c::failOpen);
    }));
    top.object("dkim", dkim -> policy.dkim(d -> {
      dkim.strings("domains", d::domains);
      dkim.string("selector", d::selector);
      dkim.string("algorithm", d::algorithm);
      dkim.integer("keyBits", d::keyBits);
      dkim.path("keyDirectory", d::keyDirectory);
      dkim.integer("maximumSignaturesToVerify", d::maximumSignaturesToVerify);
    }));
    top.object("queue", queue -> {
      queue.scalar("maximalLifetime", policy::maximalQueueLifetime);
      queue.scalar("bounceLifetime", policy::bounceQueueLifetime);
    });
    top.objects("transports", route -> {
      String[] parts = new String[2];
      route.string("pattern", p -> parts[0] = p);
      route.string("transport", t -> parts[1] = t);
      route.require("pattern", parts[0]);
      route.require("transport", parts[1]);
      if (parts[0] != null && parts[1] != null) {
        policy.route(parts[0], parts[1]);
      }
    });
    top.strings("headerChecks", policy::headerCheck);
    top.object("postfixOverrides", overrides -> overrides.entries(policy::postfix));
    top.finish();
    GatewayPolicy built = null;
    try {
      built = policy.build();
    } catch (PolicyException e) {
      violations.addAll(e.violations());
    }
    if (!violations.isEmpty()) {
      throw new PolicyException(violations);
    }
    return built;
  }

  private void inbound(Fields in, InboundTlsBuilder tls) {
    in.path("certificate", tls::certificate);
    in.path("key", tls::key);
    in.string("securityLevel", tls::securityLevel);
    in.path("clientCa", tls::clientCa);
    in.objects("fingerprints", entry -> {
      String[] parts = new String[2];
      entry.string("fingerprint", f -> parts[0] = f);
      entry.string("label", l -> parts[1] = l);
      entry.require("fingerprint", parts[0]);
      entry.require("label", parts[1]);
      if (parts[0] != null && parts[1] != null) {
        tls.allowClientFingerprint(parts[0], parts[1]);
      }
    });
  }

  private void outbound(Fields out, OutboundTlsBuilder tls) {
    out.path("certificate", tls::certificate);
    out.path("key", tls::key);
    out.string("securityLevel", tls::securityLevel);
  }

  /** The fields of one object node, each read at most once; the rest are unknown. */
  private final class Fields {
    private final JsonNode node;
    private final String path;
    private final Set<String> read = new HashSet<>();

    Fields(JsonNode node, String path) {
      this.node = node;
      this.path = path;
      if (!node.isObject()) {
        violations.add(new Violation(path.isEmpty() ? "(document)" : path,
            "expected an object of fields, found " + kind(node)));
      }
    }

    private String at(String name) {
      // A key that is no plain name (empty, or with dots or spaces) is quoted, so that the path
      // still says where it is.
      String key = name.matches("[A-Za-z0-9_-]+") ? name : "['" + name + "']";
      return path.isEmpty() || key.startsWith("[") ? path + key : path + "." + key;
    }

    private JsonNode field(String name) {
      read.add(name);
      JsonNode value = node.isObject() ? node.get(name) : null;
      return value == null || value.isNull() ? null : value;
    }

    void string(String name, Consumer<String> target) {
      typed(name, JsonNode::isTextual, JsonNode::textValue, "text", target);
    }

    void scalar(String name, Consumer<String> target) {
      typed(name, JsonNode::isValueNode, JsonNode::asText, "a number or text", target);
    }

    void path(String name, Consumer<Path> target) {
      string(name, text -> {
        if (text.isBlank()) {
          violations.add(new Violation(at(name), "an empty path: name the file"));
          return;
        }
        try {
          target.accept(Path.of(text));
        } catch (InvalidPathException e) {
          violations.add(new Violation(at(name), "'" + text + "' is not a file path: " + e.getReason()));
        }
      });
    }

    void bool(String name, Consumer<Boolean> target) {
      typed(name, JsonNode::isBoolean, JsonNode::booleanValue, "true or false", target);
    }

    void flag(String name, Runnable whenTrue) {
      bool(name, on -> {
        if (on) {
          whenTrue.run();
        }
      });
    }

    void integer(String name, Consumer<Integer> target) {
      typed(name, JsonNode::isInt, JsonNode::intValue, "a whole number", target);
    }

    void strings(String name, Consumer<String> target) {
      list(name).ifPresent(items -> {
        for (int i = 0; i < items.size(); i++) {
          accept(at(name) + "[" + i + "]", items.get(i), JsonNode::isTextual, JsonNode::textValue,
              "text", target);
        }
      });
    }

    void object(String name, Consumer<Fields> reader) {
      JsonNode value = field(name);
      if (value != null) {
        Fields fields = new Fields(value, at(name));
        reader.accept(fields);
        fields.finish();
      }
    }

    void objects(String name, Consumer<Fields> reader) {
      list(name).ifPresent(items -> {
        for (int i = 0; i < items.size(); i++) {
          Fields fields = new Fields(items.get(i), at(name) + "[" + i + "]");
          reader.accept(fields);
          fields.finish();
        }
      });
    }

    private Optional<JsonNode> list(String name) {
      JsonNode value = field(name);
      if (value != null && !value.isArray()) {
        violations.add(new Violation(at(name), "expected a list, found " + kind(value)));
        return Optional.empty();
      }
      return Optional.ofNullable(value);
    }

    /** Reads a field of one JSON type, or records what was found instead. */
    private <T> void typed(String name, Predicate<JsonNode> accepts, Function<JsonNode, T> value,
        String expected, Consumer<T> target) {
      JsonNode node = field(name);
      if (node != null) {
        accept(at(name), node, accepts, value, expected, target);
      }
    }

    private <T> void accept(String at, JsonNode node, Predicate<JsonNode> accepts,
        Function<JsonNode, T> value, String expected, Consumer<T> target) {
      if (accepts.test(node)) {
        target.accept(value.apply(node));
      } else {
        violations.add(new Violation(at, "expected " + expected + ", found " + kind(node)));
      }
    }

    void entries(java.util.function.BiConsumer<String, String> target) {
      if (!node.isObject()) {
        return;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        read.add(entry.getKey());
        if (entry.getValue().isValueNode() && !entry.getValue().isNull()) {
          target.accept(entry.getKey(), entry.getValue().asText());
        } else {
          violations.add(new Violation(at(entry.getKey()),
              "expected a value, found " + kind(entry.getValue())));
        }
      }
    }

    void require(String name, String value) {
      if (value == null) {
        violations.add(new Violation(at(name), "is required"));
      }
    }

    void finish() {
      if (!node.isObject()) {
        return;
      }
      node.fieldNames().forEachRemaining(name -> {
        if (!read.contains(name)) {
          violations.add(new Violation(at(name), "unknown field"));
        }
      });
    }
  }

  private static String kind(JsonNode node) {
    if (node == null || node.isNull()) {
      return "nothing";
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isBoolean()) {
      return "true/false";
    }
    if (node.isNumber()) {
      return "the number " + node.asText();
    }
    return "'" + node.asText() + "'";
  }
}
