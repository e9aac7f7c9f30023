package dev.mailgateway.runtime.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailgateway.api.GatewayOptions;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.api.ScannerEndpoint;
import dev.mailgateway.runtime.EmbeddedGateway;
import dev.mailgateway.runtime.GatewayEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.function.UnaryOperator;
import dev.mailgateway.api.ContentFilterBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A scanner that is down: the message is refused for now, as Postfix does when Amavis cannot be
 * reached, and never accepted unscanned in silence; unless the policy fails open.
 */
class ScannerOutageTest {

  @RegisterExtension
  static GreenMailExtension downstream = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static EmbeddedGateway start(UnaryOperator<ContentFilterBuilder> filter) throws IOException {
    return EmbeddedGateway.start(MailGateway.policy()
        .hostname("gateway.example.test")
        .trust("127.0.0.1/32")
        .relayHost("[127.0.0.1]:" + downstream.getSmtp().getPort())
        .contentFilter(c -> filter.apply(c.enabled(true).spamChecks(false)))
        .build(), GatewayOptions.forTests().scanningWith(ScannerEndpoint.clamd(ScannerDaemon.nothingListening())));
  }

  @Test
  void aClamdThatIsDownGetsTheMessageRefusedForNow() throws Exception {
    try (EmbeddedGateway gateway = start(c -> c)) {
      assertThat(Submission.send(gateway, "hello", "Just a note."))
          .isEqualTo("451 4.7.1 Service unavailable - try again later");
      assertThat(gateway.events().all()).anySatisfy(e -> {
        assertThat(e.kind()).isEqualTo(GatewayEvent.Kind.REJECTED);
        assertThat(e.detail()).contains("content scanner unavailable: clamd=127.0.0.1:")
            .contains("cannot be reached");
      });
      assertThat(gateway.spool().entries()).isEmpty();
    }
  }

  @Test
  void aClamdThatIsDownLetsMailPassUnscannedWhenThePolicyFailsOpen() throws Exception {
    try (EmbeddedGateway gateway = start(c -> c.failOpen(true))) {
      assertThat(Submission.send(gateway, "hello", "Just a note.")).isEqualTo("250");

      assertThat(downstream.waitForIncomingEmail(10_000, 1)).isTrue();
      assertThat(downstream.getReceivedMessages()[0].getHeader("X-Virus-Scanned")).isNull();
      assertThat(gateway.events().all()).anySatisfy(e -> {
        assertThat(e.kind()).isEqualTo(GatewayEvent.Kind.WARNED);
        assertThat(e.detail()).startsWith("unscanned: clamd=127.0.0.1:");
      });
    }
  }
}
