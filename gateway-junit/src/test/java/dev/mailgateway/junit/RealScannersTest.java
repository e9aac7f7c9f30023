package dev.mailgateway.junit;

import dev.mailgateway.runtime.scan.Submission;
import dev.mailgateway.runtime.scan.WithRealScanners;

import static dev.mailgateway.junit.MailGatewayAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.runtime.cleanup.TestSignatureScanner;
import dev.mailgateway.junit.DeliveredMessage;
import dev.mailgateway.junit.MailGatewayExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gateway with the image's default content filter, scanning with a real clamd and a real
 * spamd through the JUnit extension: a virus is quarantined, spam passes tagged, clean mail
 * passes marked as scanned.
 */
class RealScannersTest extends WithRealScanners {




  @org.junit.jupiter.api.extension.RegisterExtension
  static MailGatewayExtension mail = MailGatewayExtension.with(policy -> policy
          .hostname("gateway.example.test")
          .trust("127.0.0.1/32")
          .relayDomains("elsewhere.example")
          .contentFilter(filter -> filter.enabled(true)))
      .scanningWith(() -> List.of(clamd.unix(), spamd.tcp()));

  @Test
  void eicarIsCaughtByClamdAndQuarantined() throws Exception {
    assertThat(Submission.send(mail.gateway(), "invoice", TestSignatureScanner.EICAR)).isEqualTo("250");

    assertThat(mail.gateway()).quarantinedAVirus();
    assertThat(mail.quarantined()).singleElement().satisfies(file -> {
      assertThat(file.getFileName().toString()).startsWith("virus-");
      assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).contains(TestSignatureScanner.EICAR);
    });
    assertThat(mail.downstream().getReceivedMessages()).isEmpty();
  }

  @Test
  void gtubeIsScoredBySpamdAndPassesTaggedByDefault() throws Exception {
    assertThat(Submission.send(mail.gateway(), "offer", TestSignatureScanner.GTUBE)).isEqualTo("250");

    DeliveredMessage delivered = mail.delivered(1).get(0);
    assertThat(delivered).isSpamTagged()
        .hasHeaderContaining("Subject", "***SPAM*** offer")
        .hasHeaderContaining("X-Spam-Status", "tests=[")
        .hasHeaderContaining("X-Spam-Status", "GTUBE");
  }

  @Test
  void aPlainMessagePassesScannedAndUnflagged() throws Exception {
    assertThat(Submission.send(mail.gateway(), "minutes", "Hello Bob, the minutes are on the wiki.")).isEqualTo("250");

    assertThat(mail.delivered(1).get(0)).wasVirusScanned().isNotSpamTagged()
        .hasHeaderContaining("X-Virus-Scanned", "ClamAV (clamd) at gateway.example.test")
        .hasHeaderContaining("X-Spam-Status", "No, score=");
  }
}
