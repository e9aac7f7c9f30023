package dev.mailgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.MailGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rendered OpenDKIM configuration, checked by real opendkim ({@code -n}: parse and exit). */
class RealOpenDkimConfigurationTest {

  @TempDir
  Path root;

  private void render() {
    GatewayRenderer.forLayout(RenderLayout.instance(root, "127.0.0.1", 2525))
        .render(MailGateway.policy()
            .trust("10.0.0.0/8", "2001:db8::/32")
            .dkim(d -> d.domains("example.com", "example.org").keyDirectory(root.resolve("keys"))
                .maximumSignaturesToVerify(5))
            .build())
        .writeTo(root);
  }

  @Test
  void opendkimAcceptsTheRenderedConfiguration() {
    render();

    ProgramRun check = RealPeers.run("opendkim", "-n", "-x", root.resolve("opendkim/opendkim.conf").toString());

    assertThat(check.exitCode()).as(check.output()).isZero();
  }

  @Test
  void theNumberOfSignaturesToVerifyIsOpenDkims() throws Exception {
    render();

    assertThat(Files.readString(root.resolve("opendkim/opendkim.conf")))
        .contains("MaximumSignaturesToVerify 5\n");
  }

  @Test
  void opendkimWouldRejectABrokenConfigurationSoTheCheckAboveMeansSomething() throws Exception {
    render();
    Path conf = root.resolve("opendkim/opendkim.conf");
    Files.writeString(conf, Files.readString(conf).replace("Mode                    sv", "Mode  q"));

    ProgramRun check = RealPeers.run("opendkim", "-n", "-x", conf.toString());

    assertThat(check.exitCode()).isNotZero();
  }
}
