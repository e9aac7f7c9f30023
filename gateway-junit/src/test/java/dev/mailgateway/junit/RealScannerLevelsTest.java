package dev.mailgateway.junit;

import dev.mailgateway.runtime.scan.Submission;
import dev.mailgateway.runtime.scan.WithRealScanners;

import static dev.mailgateway.junit.MailGatewayAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.runtime.cleanup.TestSignatureScanner;
import dev.mailgateway.junit.MailGatewayExtension;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The policy's levels decide, not spamd's own threshold: with tag2 and kill raised above GTUBE's
 * score, real spamd's score of 1000 is reported but the message is neither flagged nor refused.
 */
class RealScannerLevelsTest extends WithRealScanners {




  @org.junit.jupiter.api.extension.RegisterExtension
  static MailGatewayExtension mail = MailGatewayExtension.with(policy -> policy
          .hostname("gateway.example.test")
          .trust("127.0.0.1/32")
          .relayDomains("elsewhere.example")
          .contentFilter(filter -> filter.enabled(true).virusChecks(false)
              .tag2Level("2000").killLevel("3000").spamDestiny("reject")))
      .scanningWith(() -> List.of(spamd.tcp()));

  @Test
  void gtubeUnderRaisedLevelsPassesUnflaggedWithItsScore() throws Exception {
    assertThat(Submission.send(mail.gateway(), "offer", TestSignatureScanner.GTUBE)).isEqualTo("250");

    assertThat(mail.delivered(1).get(0)).isNotSpamTagged()
        .hasHeaderContaining("X-Spam-Status", "No, score=1000")
        .hasHeaderContaining("X-Spam-Status", "tag2=2000 kill=3000")
        .hasHeaderContaining("Subject", "offer");
  }
}
