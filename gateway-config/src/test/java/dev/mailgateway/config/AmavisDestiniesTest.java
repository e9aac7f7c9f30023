package dev.mailgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.MailGateway;
import dev.mailgateway.api.PolicyBuilder;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The destinies and the quarantine of the policy, as the Amavis configuration says them. */
class AmavisDestiniesTest {

  private static String userConf(UnaryOperator<PolicyBuilder> policy) {
    return GatewayRenderer.forLayout(RenderLayout.system())
        .render(policy.apply(MailGateway.policy()).build()).text("amavis/conf.d/50-user");
  }

  @Test
  void defaultsAreDebiansSpamPassesVirusIsQuarantined() {
    assertThat(userConf(p -> p))
        .contains("$final_spam_destiny = D_PASS;")
        .contains("$final_virus_destiny = D_DISCARD;")
        .contains("$QUARANTINEDIR = '/var/lib/amavis/virusmails';")
        .contains("$virus_quarantine_to = 'virus-quarantine';")
        .contains("$spam_quarantine_to = undef;");
  }

  @Test
  void relayDomainsAreLocalForSpamHeadersBesideTheGatewaysOwn() {
    GatewayRenderer renderer = GatewayRenderer.forLayout(RenderLayout.system());
    String nodeId = renderer.render(MailGateway.policy().hostname("mx.example.net")
        .relayDomains("example.com", "example.org").build()).text("amavis/conf.d/05-node_id");

    assertThat(nodeId).contains("$mydomain = 'mx.example.net';")
        .contains("@local_domains_acl = ( '.mx.example.net', '.example.com', '.example.org' );");
  }

  @Test
  void discardKeepsNoCopy() {
    assertThat(userConf(p -> p.contentFilter(c -> c.virusDestiny("discard"))))
        .contains("$final_virus_destiny = D_DISCARD;")
        .contains("$virus_quarantine_to = undef;");
  }

  @Test
  void spamQuarantineGoesToTheConfiguredFolder() {
    assertThat(userConf(p -> p.contentFilter(c -> c.spamDestiny("quarantine")
        .quarantineDirectory(Path.of("/srv/quarantine")))))
        .contains("$final_spam_destiny = D_DISCARD;")
        .contains("$QUARANTINEDIR = '/srv/quarantine';")
        .contains("$spam_quarantine_method = 'local:spam-%m';")
        .contains("$spam_quarantine_to = 'spam-quarantine';");
  }

  @Test
  void rejectIsAmavisReject() {
    assertThat(userConf(p -> p.contentFilter(c -> c.spamDestiny("reject").virusDestiny("reject"))))
        .contains("$final_spam_destiny = D_REJECT;")
        .contains("$final_virus_destiny = D_REJECT;");
  }

  @Test
  void aFailedVirusScanIsATemporaryFailureUnlessThePolicyFailsOpen() {
    assertThat(userConf(p -> p)).contains("$virus_scanners_failure_is_fatal = 1;");
    assertThat(userConf(p -> p.contentFilter(c -> c.failOpen(true))))
        .contains("$virus_scanners_failure_is_fatal = 0;");
  }
}
