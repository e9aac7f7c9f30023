package dev.mailgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.api.PolicyException;
import dev.mailgateway.api.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PolicyFilesTest {

  static final GatewayPolicy FULL = MailGateway.policy()
      .hostname("mx.example.com")
      .banner("$myhostname ESMTP")
      .trust("10.0.0.0/8", "2001:db8::/32")
      .trustConnectedNetworks()
      .relayHost("[smtp.example.net]:587")
      .relayDomains("example.com")
      .destinations("gateway.example.com")
      .inboundTls(t -> t.certificate(Path.of("/tls/bundle.crt")).key(Path.of("/tls/cert.key"))
          .securityLevel("encrypt").clientCa(Path.of("/tls/rootCA.crt"))
          .allowClientFingerprint("AA" + ":BB".repeat(31), "node1"))
      .outboundTls(t -> t.certificate(Path.of("/tls/client.crt")).key(Path.of("/tls/client.key"))
          .securityLevel("verify"))
      .contentFilter(c -> c.virusChecks(false).tagLevel("2").tag2Level("6.31").killLevel("undef")
          .spamDestiny("reject").virusDestiny("discard").quarantineDirectory(Path.of("/srv/q")).failOpen(true))
      .dkim(d -> d.domains("example.com", "example.org").selector("mail").algorithm("ed25519")
          .keyDirectory(Path.of("/keys")))
      .maximalQueueLifetime("5d")
      .bounceQueueLifetime("12h")
      .route("example.com", "smtp:[10.0.0.5]:25")
      .headerCheck("/^Subject: x/ WARN saw x")
      .postfix("message_size_limit", "1000")
      .upstreamProxy(p -> p.loadBalancers("10.0.0.0/24", "2001:db8:1::/48").timeout("3s"))
      .build();

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(PolicyFiles.Format.class)
  void aPolicyRoundTripsThroughItsFile(PolicyFiles.Format format) {
    String text = PolicyFiles.write(FULL, format);

    assertThat(PolicyFiles.parse(text, format, "policy")).isEqualTo(FULL);
  }

  @Test
  void theFormatFollowsTheExtension() throws Exception {
    Path json = dir.resolve("policy.json");
    Files.writeString(json, PolicyFiles.write(FULL, PolicyFiles.Format.JSON));

    assertThat(PolicyFiles.read(json)).isEqualTo(FULL);
    assertThat(PolicyFiles.Format.of(Path.of("p.yml"))).isEqualTo(PolicyFiles.Format.YAML);
  }

  @Test
  void yamlReadsLikeTheScenario() {
    String yaml = """
        hostname: mx.example.com
        trust: [10.0.0.0/8]
        relayHost: "[smtp.example.net]:587"
        relayDomains: [example.com]
        dkim:
          domains: [example.com, example.org]
        """;

    GatewayPolicy policy = PolicyFiles.parse(yaml, PolicyFiles.Format.YAML, "p.yaml");

    assertThat(policy.relayHost().orElseThrow()).hasToString("[smtp.example.net]:587");
    assertThat(policy.dkim().orElseThrow().selector()).isEqualTo("default");
  }

  @Test
  void readingValidatesLikeTheDslWithTheSamePaths() {
    String yaml = """
        hostname: mx.example.com
        trust: [10.0.0.0/8, 10.0.0.0/33]
        tls:
          inbound:
            certificate: /c
            key: /k
            fingerprints:
              - {fingerprint: "AA:BB", label: node1}
        contentFilter:
          killLevel: lots
        """;

    PolicyException failure = catchThrowableOfType(PolicyException.class,
        () -> PolicyFiles.parse(yaml, PolicyFiles.Format.YAML, "p.yaml"));

    assertThat(failure.violations()).extracting(Violation::path).containsExactly(
        "trust[1]", "tls.inbound.fingerprints[0]", "contentFilter.killLevel");
  }

  @Test
  void unknownFieldsAndWrongTypesAreViolations() {
    String yaml = """
        hostnme: mx.example.com
        trust: 10.0.0.0/8
        contentFilter:
          enabled: "yes"
        transports:
          - pattern: example.com
        """;

    PolicyException failure = catchThrowableOfType(PolicyException.class,
        () -> PolicyFiles.parse(yaml, PolicyFiles.Format.YAML, "p.yaml"));

    assertThat(failure.violations()).containsExactlyInAnyOrder(
        new Violation("trust", "expected a list, found '10.0.0.0/8'"),
        new Violation("contentFilter.enabled", "expected true or false, found 'yes'"),
        new Violation("transports[0].transport", "is required"),
        new Violation("hostnme", "unknown field"));
  }

  @Test
  void syntaxErrorsNameTheLine() {
    PolicyException failure = catchThrowableOfType(PolicyException.class,
        () -> PolicyFiles.parse("hostname: a.example\ntrust: [10.0.0.0/8\n",
            PolicyFiles.Format.YAML, "p.yaml"));

    assertThat(failure.violations().get(0).path()).startsWith("p.yaml:");
  }

  @Test
  void anEmptyFileIsAViolation() {
    PolicyException failure = catchThrowableOfType(PolicyException.class,
        () -> PolicyFiles.parse("", PolicyFiles.Format.YAML, "p.yaml"));

    assertThat(failure.violations()).extracting(Violation::message)
        .containsExactly("the policy file is empty");
  }

  @Test
  void aKeyGivenTwiceIsRefusedWithBothLines() {
    String yaml = """
        hostname: a.example
        trust: [10.0.0.0/8]
        hostname: b.example
        """;

    assertThatThrownBy(() -> PolicyFiles.parse(yaml, PolicyFiles.Format.YAML, "policy.yaml"))
        .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.violations())
            .extracting(Violation::toString).containsExactly("policy.yaml:3: the key 'hostname' is"
                + " given twice in one object, first at line 1; remove one (the last would silently win)"));
  }

  @Test
  void aKeyGivenTwiceInANestedJsonObjectIsRefused() {
    String json = "{\"hostname\": \"a.example\",\n \"queue\": {\"maximalLifetime\": \"5d\",\n"
        + " \"maximalLifetime\": \"1d\"}}";

    assertThatThrownBy(() -> PolicyFiles.parse(json, PolicyFiles.Format.JSON, "policy.json"))
        .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.violations())
            .extracting(Violation::toString).singleElement().asString()
            .startsWith("policy.json:3: the key 'maximalLifetime' is given twice"));
  }

  @Test
  void aSecondDocumentIsRefusedNotIgnored() {
    String yaml = """
        hostname: a.example
        ---
        hostname: b.example
        """;

    assertThatThrownBy(() -> PolicyFiles.parse(yaml, PolicyFiles.Format.YAML, "policy.yaml"))
        .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.violations())
            .extracting(Violation::toString).singleElement().asString()
            .contains("more after the policy"));
  }

  @Test
  void trailingTextAfterAJsonObjectIsRefused() {
    assertThatThrownBy(() -> PolicyFiles.parse("{\"hostname\": \"a.example\"} {}",
            PolicyFiles.Format.JSON, "policy.json"))
        .isInstanceOf(PolicyException.class).hasMessageContaining("more after the policy");
  }

  @Test
  void aPolicyFileOverThreeMegabytesIsRefusedBeforeItIsRead() throws Exception {
    Path huge = dir.resolve("huge.yaml");
    try (var out = java.nio.file.Files.newBufferedWriter(huge)) {
      out.write("hostname: mx.example.com\nbanner: \"");
      for (int i = 0; i < 12 * 1024; i++) {
        out.write("x".repeat(1024));
      }
      out.write("\"\n");
    }

    assertThatThrownBy(() -> PolicyFiles.read(huge))
        .isInstanceOf(dev.mailgateway.api.PolicyException.class)
        .hasMessageContaining("a policy file has at most 3145728");
  }

  @Test
  void aYamlAliasIsRefusedRatherThanReadAsItsName() {
    assertThatThrownBy(() -> PolicyFiles.parse("base: &h mx.example.com\nhostname: *h\n",
        PolicyFiles.Format.YAML, "policy.yaml"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("policy.yaml:2: the alias *h is not supported");
  }

  @Test
  void anEmptyCertificatePathIsRefused() {
    assertThatThrownBy(() -> PolicyFiles.parse("hostname: mx.example.com\n"
        + "tls: {inbound: {certificate: \"\", key: /etc/postfix/tls/cert.key}}\n",
        PolicyFiles.Format.YAML, "policy.yaml"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("tls.inbound.certificate: an empty path");
  }
}
