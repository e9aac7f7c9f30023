package dev.mailgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgateway.api.MailGateway;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderLayoutTest {

  @Test
  void instanceKeepsEveryPathBelowItsRoot() {
    Path root = Path.of("/srv/gw");
    var tree = GatewayRenderer.forLayout(RenderLayout.instance(root, "127.0.0.1", 2525))
        .render(MailGateway.policy().route("example.com", "smtp:[10.0.0.5]:25")
            .dkim(d -> d.domains("example.com")).build());

    Map<String, String> main = MainCfValues.of(tree.text("postfix/main.cf"));
    assertThat(main).containsEntry("queue_directory", "/srv/gw/queue")
        .containsEntry("data_directory", "/srv/gw/data")
        .containsEntry("maillog_file", "/srv/gw/log/postfix.log")
        .containsEntry("inet_interfaces", "127.0.0.1")
        .containsEntry("transport_maps", "texthash:/srv/gw/postfix/transport");
    assertThat(tree.text("postfix/master.cf")).contains("127.0.0.1:2525 inet")
        .contains("127.0.0.1:2526 inet");
    assertThat(tree.text("opendkim/opendkim.conf")).contains("/srv/gw/opendkim/KeyTable");
    assertThat(tree.text("amavis/conf.d/50-user"))
        .contains("$forward_method = 'smtp:[127.0.0.1]:2526';");
  }

  @Test
  void instanceMayListenOnIpv6Loopback() {
    var tree = GatewayRenderer.forLayout(RenderLayout.instance(Path.of("/r"), "::1", 2525))
        .render(MailGateway.policy().build());

    assertThat(tree.text("postfix/master.cf")).contains("[::1]:2525 inet");
    assertThat(MainCfValues.of(tree.text("postfix/main.cf")))
        .containsEntry("inet_protocols", "ipv6");
  }

  @Test
  void instanceRefusesAFolderWhosePathPostfixWouldSplitOrExpand() {
    for (String root : new String[] {"/tmp/my gateway", "/tmp/a,b", "/tmp/$HOME"}) {
      assertThatThrownBy(() -> RenderLayout.instance(Path.of(root), "127.0.0.1", 2525))
          .hasMessage("an instance folder is written into Postfix's lists, so its path holds no"
              + " white space, comma, $ or control character: '" + root + "'");
    }
  }

  @Test
  void aLayoutWhoseFoldersPostfixWouldSplitIsRefusedNamingTheFolder() {
    assertThatThrownBy(() -> new RenderLayout(Path.of("/etc/postfix"), Path.of("/etc/amavis/conf.d"),
        Path.of("/srv/open dkim"), java.util.Optional.empty(), "smtp", 10024, 10025, 8891))
        .hasMessage("a folder of the layout is written into Postfix's lists, so its path holds no"
            + " white space, comma, $ or control character: '/srv/open dkim'");
  }

  @Test
  void instanceRefusesANonLoopbackAddress() {
    assertThatThrownBy(() -> RenderLayout.instance(Path.of("/r"), "10.0.0.1", 25))
        .hasMessageContaining("an instance listens on a loopback address");
    assertThatThrownBy(() -> RenderLayout.instance(Path.of("/r"), "localhost.example.com", 25))
        .hasMessageContaining("an instance listens on a loopback address");
  }
}
