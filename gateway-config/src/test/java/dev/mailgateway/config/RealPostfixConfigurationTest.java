package dev.mailgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailGateway;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Rendered trees, read by real Postfix's postconf. */
class RealPostfixConfigurationTest {

  private static final String SHA256 =
      "3E:9A:1C:55:0B:77:D2:48:6F:21:90:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23";

  @TempDir
  Path out;

  static Stream<GatewayPolicy> policies() {
    return Stream.of(
        MailGateway.policy().build(),
        MailGateway.policy().withoutContentFilter().build(),
        MailGateway.policy()
            .hostname("mx.example.com")
            .banner("$myhostname ESMTP gateway")
            .trust("10.0.0.0/8", "2001:db8::/32")
            .relayHost("[smtp.example.net]:587")
            .relayDomains("example.com", "example.org")
            .inboundTls(t -> t.certificate(Path.of("/etc/postfix/tls/bundle.crt"))
                .key(Path.of("/etc/postfix/tls/cert.key"))
                .clientCa(Path.of("/etc/postfix/tls/rootCA.crt"))
                .allowClientFingerprint(SHA256, "node1"))
            .outboundTls(t -> t.securityLevel("encrypt"))
            .dkim(d -> d.domains("example.com"))
            .maximalQueueLifetime("3d")
            .bounceQueueLifetime("12h")
            .route("example.com", "smtp:[10.0.0.5]:25")
            .route(".example.org", "error:5.1.1 gone")
            .headerCheck("/^Received:.*\\[10\\./ IGNORE")
            .postfix("message_size_limit", "52428800")
            .postfix("smtp_tls_CAfile", "/etc/ssl/certs/ca-certificates.crt")
            .upstreamProxy(p -> p.loadBalancers("10.0.0.0/24"))
            .build());
  }

  @org.junit.jupiter.api.Test
  void postconfReadsThePublicSmtpdsUpstreamProxyProtocolAndNoOtherServices() {
    GatewayPolicy policy = MailGateway.policy().upstreamProxy(p -> p.loadBalancers("10.0.0.0/24"))
        .build();
    GatewayRenderer.forLayout(RenderLayout.system()).render(policy).writeTo(out);

    ProgramRun parameters = RealPeers.postconf(out.resolve("postfix"), "-P");

    assertThat(parameters.output()).contains("smtp/inet/smtpd_upstream_proxy_protocol = haproxy")
        .contains("smtp/inet/smtpd_upstream_proxy_timeout = 5s")
        .doesNotContain("10025/inet/smtpd_upstream_proxy_protocol");
  }

  @Test
  void postconfReadsATlsFileWithADollarSignAsItsOwnNameNotAnExpansion() {
    GatewayPolicy policy = MailGateway.policy()
        .inboundTls(t -> t.certificate(Path.of("/etc/ssl/$HOME/bundle.crt"))
            .key(Path.of("/etc/ssl/a$$b.key")))
        .build();
    GatewayRenderer.forLayout(RenderLayout.system()).render(policy).writeTo(out);

    ProgramRun run = RealPeers.postconf(out.resolve("postfix"), "-x", "smtpd_tls_cert_file",
        "smtpd_tls_key_file");

    assertThat(run.output()).doesNotContain("warning")
        .contains("smtpd_tls_cert_file = /etc/ssl/$HOME/bundle.crt")
        .contains("smtpd_tls_key_file = /etc/ssl/a$$b.key");
  }

  @ParameterizedTest
  @MethodSource("policies")
  void postconfReadsTheRenderedMainCfWithoutAWarning(GatewayPolicy policy) {
    GatewayRenderer.forLayout(RenderLayout.system()).render(policy).writeTo(out);

    ProgramRun run = RealPeers.postconf(out.resolve("postfix"), "-n");

    assertThat(run.exitCode()).isZero();
    assertThat(run.output()).doesNotContain("warning").contains("myhostname = ");
  }

  @ParameterizedTest
  @MethodSource("policies")
  void postconfListsTheRenderedServicesWithoutAWarning(GatewayPolicy policy) {
    GatewayRenderer.forLayout(RenderLayout.system()).render(policy).writeTo(out);

    ProgramRun services = RealPeers.postconf(out.resolve("postfix"), "-M");
    ProgramRun parameters = RealPeers.postconf(out.resolve("postfix"), "-P");

    assertThat(services.exitCode()).isZero();
    assertThat(services.output()).doesNotContain("warning")
        .contains("smtp       inet").contains("qmgr       unix").contains("postlog    unix-dgram");
    assertThat(parameters.output()).doesNotContain("warning");
    if (policy.contentFilter().enabled()) {
      assertThat(services.output()).contains("smtp-amavis unix").contains("127.0.0.1:10025 inet");
    }
  }

  @Test
  void postconfReadsTheOverriddenValue() {
    GatewayRenderer.forLayout(RenderLayout.system())
        .render(MailGateway.policy().postfix("smtpd_banner", "$myhostname hello").build())
        .writeTo(out);

    assertThat(RealPeers.postconf(out.resolve("postfix"), "-h", "smtpd_banner").output())
        .isEqualTo("$myhostname hello\n");
  }

  @Test
  void postconfReadsTheTransportTableWithoutAPostmapRun() {
    GatewayRenderer.forLayout(RenderLayout.system())
        .render(MailGateway.policy().route("example.com", "smtp:[10.0.0.5]:25").build())
        .writeTo(out);

    ProgramRun lookup = RealPeers.run("postmap", "-c", out.resolve("postfix").toString(), "-q",
        "example.com", "texthash:" + out.resolve("postfix/transport"));

    assertThat(lookup.output()).isEqualTo("smtp:[10.0.0.5]:25\n");
  }

  @Test
  void postmapMatchesTheRenderedHeaderChecks() {
    GatewayRenderer.forLayout(RenderLayout.system())
        .render(MailGateway.policy().headerCheck("/^Subject: .*viagra/ REJECT no spam").build())
        .writeTo(out);

    ProgramRun lookup = RealPeers.run("postmap", "-c", out.resolve("postfix").toString(), "-q",
        "Subject: cheap VIAGRA", "regexp:" + out.resolve("postfix/header_checks"));

    assertThat(lookup.output()).isEqualTo("REJECT no spam\n");
  }
}
