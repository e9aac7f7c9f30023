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
 * Destinies that refuse: with real clamd and spamd, a virus and spam at the kill level are
 * refused at the end of DATA, so nobody gets a bounce; spam under a raised kill level passes.
 */
class RealScannerDestiniesTest extends WithRealScanners {




  @org.junit.jupiter.api.extension.RegisterExtension
  static MailGatewayExtension mail = MailGatewayExtension.with(policy -> policy
          .hostname("gateway.example.test")
          .trust("127.0.0.1/32")
          .relayDomains("elsewhere.example")
          .contentFilter(filter -> filter.enabled(true).virusDestiny("reject").spamDestiny("reject")))
      .scanningWith(() -> List.of(clamd.tcp(), spamd.tcp()));

  @Test
  void eicarIsRefusedAtTheEndOfData() throws Exception {
    assertThat(Submission.send(mail.gateway(), "invoice", TestSignatureScanner.EICAR))
        .startsWith("554 5.7.1 Rejected: virus Eicar-Test-Signature.UNOFFICIAL found by ClamAV (clamd)");

    assertThat(mail.gateway()).wasRejectedAsVirus();
    assertThat(mail.quarantined()).isEmpty();
  }

  @Test
  void gtubeAtTheKillLevelIsRefusedAtTheEndOfData() throws Exception {
    assertThat(Submission.send(mail.gateway(), "offer", TestSignatureScanner.GTUBE))
        .startsWith("554 5.7.1 Rejected: spam score 1000");

    assertThat(mail.gateway()).wasRejectedAsSpam();
  }
}
