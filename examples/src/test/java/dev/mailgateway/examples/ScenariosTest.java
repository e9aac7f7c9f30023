package dev.mailgateway.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.Cidr;
import dev.mailgateway.config.ConfigTree;
import dev.mailgateway.config.GatewayRenderer;
import dev.mailgateway.config.RenderLayout;
import dev.mailgateway.api.GatewayPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each scenario of the image renders what the scenario is about. */
class ScenariosTest {

  private static String mainCf(GatewayPolicy policy) {
    return tree(policy).text("postfix/main.cf");
  }

  private static ConfigTree tree(GatewayPolicy policy) {
    return GatewayRenderer.forLayout(RenderLayout.system())
        .withConnectedNetworks(() -> List.of(Cidr.parse("172.18.0.0/16")))
        .render(policy);
  }

  @Test
  void smarthostLetsCertificateClientsRelay() {
    assertThat(mainCf(SmarthostForCertificateClients.policy()))
        .contains("smtpd_relay_restrictions = permit_mynetworks, permit_tls_clientcerts,"
            + " permit_tls_all_clientcerts, reject_unauth_destination")
        .contains("smtpd_tls_ask_ccert = yes");
  }

  @Test
  void spamFilterPassesMailThroughAmavisToTheMailboxServer() {
    ConfigTree tree = tree(InboundSpamFilter.policy());

    assertThat(tree.text("postfix/main.cf")).contains("content_filter = smtp-amavis:[127.0.0.1]:10024");
    assertThat(tree.text("postfix/transport")).contains("example.com smtp:[mailbox.internal.example.com]:25");
    assertThat(tree.text("amavis/conf.d/50-user")).contains("$sa_kill_level_deflt = 12;");
  }

  @Test
  void inboundGatewayRoutesEachDomainAndQueuesForAWeek() {
    assertThat(mainCf(InboundGateway.policy()))
        .contains("relay_domains = example.com, example.org")
        .contains("maximal_queue_lifetime = 7d");
  }

  @Test
  void dkimSignerSignsEveryDomain() {
    assertThat(tree(OutboundDkimSigner.policy()).text("opendkim/SigningTable"))
        .contains("*@example.com default._domainkey.example.com")
        .contains("*@example.org default._domainkey.example.org");
  }

  @Test
  void containerRelayTrustsTheConnectedNetworks() {
    assertThat(mainCf(ContainerNetworksRelay.policy())).contains("mynetworks = 172.18.0.0/16");
  }

  @Test
  void listedNetworksRelayTrustsExactlyThem() {
    assertThat(mainCf(ListedNetworksRelay.policy()))
        .contains("mynetworks = 127.0.0.0/8, 192.168.10.0/24, [2001:db8:10::]/48");
  }

  @Test
  void gatewaysBehindALoadBalancerTakeThePublicSmtpdsProxyHeader() {
    assertThat(tree(GatewaysBehindLoadBalancer.policy()).text("postfix/master.cf"))
        .contains("-o smtpd_upstream_proxy_protocol=haproxy");
    assertThat(mainCf(GatewaysBehindLoadBalancer.policy())).doesNotContain("10.0.0.0/24");
  }
}
