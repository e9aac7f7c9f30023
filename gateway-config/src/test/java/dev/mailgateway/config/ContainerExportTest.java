package dev.mailgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.api.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerExportTest {

  private static final String SHA256 = "AA" + ":BB".repeat(31);

  @TempDir
  Path dir;

  @Test
  void anImportedEnvironmentSurvivesExportAndImportAgain() {
    ContainerFixture original = new ContainerFixture(dir.resolve("original"))
        .set("MAIL_FQDN", "mx.example.com")
        .set("ADDITIONAL_MYNETWORKS", "10.0.0.0/8")
        .set("RELAYHOST", "[smtp.example.net]:587")
        .set("DISABLE_VIRUS_CHECKS", "")
        .set("AMAVIS_SA_KILL_LEVEL_DEFLT", "15")
        .set("POSTFIX_SSL_IN_SECURITY_LEVEL", "encrypt")
        .set("POSTFIX_SSL_IN_CERT_FINGERPRINTS", SHA256 + " node1")
        .set("POSTFIX_QUEUE_LIFETIME_MAX", "2d")
        .set("POSTFIX_RELAY_DOMAINS", "example.com")
        .set("DKIM_DOMAINS", "example.com")
        .set("POSTFIX_RAW_CONFIG_MESSAGE_SIZE_LIMIT", "1000")
        .file("tls/bundle.crt", "server cert").file("tls/cert.key", "server key")
        .file("tls/client.crt", "client cert").file("tls/client.key", "client key")
        .file("additional/opendkim/keys/example.com/default.private", "dkim key")
        .file("additional/transport", "example.com smtp:[10.0.0.5]:25\n")
        .file("additional/header_checks", "/^Subject: x/ WARN\n");
    GatewayPolicy before = original.policy();

    Path exported = dir.resolve("exported");
    ContainerExport.of(before).writeTo(exported);
    GatewayPolicy after = ContainerEnvironment
        .of(EnvFile.read(exported.resolve(ContainerExport.ENV_FILE), java.util.Map.of()))
        .withVolumes(exported.resolve("tls"), exported.resolve("additional"))
        .toPolicy().policy();

    assertThat(PolicyFiles.write(after, PolicyFiles.Format.YAML))
        .isEqualTo(PolicyFiles.write(before, PolicyFiles.Format.YAML)
            .replace(original.tls.toString(), exported.resolve("tls").toString())
            .replace(original.additional.toString(), exported.resolve("additional").toString()));
  }

  @Test
  void keysAreCopiedOwnerOnly() throws Exception {
    Path key = Files.writeString(dir.resolve("cert.key"), "secret");
    Path certificate = Files.writeString(dir.resolve("c.crt"), "c");
    GatewayPolicy policy = MailGateway.policy()
        .inboundTls(t -> t.certificate(certificate).key(key))
        .build();

    ContainerExport.of(policy).writeTo(dir.resolve("out"));

    assertThat(PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dir.resolve("out/tls/cert.key")))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dir.resolve("out/tls/bundle.crt")))).isEqualTo("rw-r--r--");
  }

  @Test
  void whatTheImageCannotExpressIsWarnedAbout() {
    ContainerExport export = ContainerExport.of(MailGateway.policy()
        .dkim(d -> d.domains("example.com").selector("mail").algorithm("ed25519")
            .maximumSignaturesToVerify(5)).build());

    assertThat(export.warnings()).extracting(Violation::path)
        .containsExactly("dkim.selector", "dkim.algorithm", "dkim.maximumSignaturesToVerify");
    assertThat(export.environment()).containsEntry("DKIM_DOMAINS", "example.com");
    assertThat(export.volumes().file("additional/opendkim/README")).isPresent();
  }

  @Test
  void anUpstreamProxyIsWarnedAboutAsTheImageCannotExpressIt() {
    ContainerExport export = ContainerExport.of(MailGateway.policy()
        .upstreamProxy(p -> p.loadBalancers("10.0.0.0/24")).build());

    assertThat(export.warnings()).extracting(Violation::path).containsExactly("upstreamProxy");
    assertThat(export.warnings().get(0).message()).contains("open relay");
  }

  @Test
  void anOverrideWithCapitalsIsWarnedAboutAsTheImageLowerCasesIt() {
    ContainerExport export = ContainerExport.of(MailGateway.policy()
        .postfix("smtp_tls_CAfile", "/etc/ssl/certs/ca-certificates.crt").build());

    assertThat(export.environment())
        .containsEntry("POSTFIX_RAW_CONFIG_SMTP_TLS_CAFILE", "/etc/ssl/certs/ca-certificates.crt");
    assertThat(export.warnings()).extracting(Violation::toString).containsExactly(
        "postfixOverrides.smtp_tls_CAfile: the image writes the parameter lower-cased, as"
            + " smtp_tls_cafile, which Postfix does not know and ignores; this toolkit reads it back"
            + " as smtp_tls_CAfile");
  }

  @Test
  void destiniesTheImageCannotExpressAreWarnedAbout() {
    ContainerExport export = ContainerExport.of(MailGateway.policy()
        .contentFilter(c -> c.spamDestiny("reject").virusDestiny("discard")
            .quarantineDirectory(java.nio.file.Path.of("/srv/q")).failOpen(true)).build());

    assertThat(export.warnings()).extracting(Violation::path).containsExactly(
        "contentFilter.spamDestiny", "contentFilter.virusDestiny",
        "contentFilter.quarantineDirectory", "contentFilter.failOpen");
    assertThat(export.warnings().get(0).message()).contains("'reject' is lost");
  }

  @Test
  void aMissingFileTheExportNeedsIsAViolation() {
    GatewayPolicy policy = MailGateway.policy()
        .inboundTls(t -> t.certificate(dir.resolve("none.crt")).key(dir.resolve("none.key")))
        .build();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ContainerExport.of(policy))
        .isInstanceOf(dev.mailgateway.api.PolicyException.class)
        .hasMessageContaining("tls.inbound.certificate: cannot read");
  }

  @Test
  void connectedNetworksBecomeAutoTrust() {
    ContainerExport export = ContainerExport.of(
        MailGateway.policy().trustConnectedNetworks().trust("10.0.0.0/8").build());

    assertThat(export.environment()).containsEntry("AUTO_TRUST_NETWORKS", "yes")
        .containsEntry("ADDITIONAL_MYNETWORKS", "10.0.0.0/8")
        .doesNotContainKey("MYNETWORKS");
    assertThat(List.copyOf(export.environment().keySet())).startsWith("MAIL_FQDN");
  }
}
