package dev.mailgateway.runtime.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgateway.api.ScannerEndpoint;
import dev.mailgateway.runtime.cleanup.ScanReport;
import dev.mailgateway.runtime.cleanup.TestSignatureScanner;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The spamd client against a real spamd with Debian's SpamAssassin rules. */
class SpamdScannerTest extends WithRealScanners {




  @Test
  void pingIsAnsweredWithPong() throws IOException {
    assertThat(SpamdScanner.at(spamd.tcp()).ping()).matches("SPAMD/1\\.\\d+ 0 PONG");
  }

  @Test
  void gtubeScoresAThousandWithItsRuleNamed() throws IOException {
    ScanReport report = SpamdScanner.at(spamd.tcp())
        .scan(ClamdScannerTest.message(TestSignatureScanner.GTUBE));

    assertThat(report.spamScore()).hasValueSatisfying(
        score -> assertThat(score).isGreaterThanOrEqualTo(new BigDecimal("1000")));
    assertThat(report.tests()).contains("GTUBE");
  }

  @Test
  void aPlainMessageIsNotSpam() throws IOException {
    ScanReport report = SpamdScanner.at(spamd.tcp()).scan(ClamdScannerTest.message(
        "Hello Bob,\r\n\r\nthe quarterly report is attached to the wiki page.\r\n\r\nAlice"));

    assertThat(report.spamScore()).hasValueSatisfying(
        score -> assertThat(score).isLessThan(new BigDecimal("5")));
    assertThat(report.tests()).doesNotContain("GTUBE");
  }

  @Test
  void aMessageAboveTheSizeLimitIsSkippedAndNotSent() throws IOException {
    ScanReport report = SpamdScanner.at(ScannerEndpoint.spamd("127.0.0.1:9"))
        .scan(ClamdScannerTest.message("x".repeat(600 * 1024)));

    assertThat(report.spamScore()).isEmpty();
    assertThat(report.spamSkipped()).hasValueSatisfying(why -> assertThat(why)
        .contains("larger than the spam scan limit of 512000 bytes"));
  }

  @Test
  void aSpamdThatIsDownIsAFailureNamingIt() throws IOException {
    String closed = ScannerDaemon.nothingListening();

    assertThatThrownBy(() -> SpamdScanner.at(ScannerEndpoint.spamd(closed))
        .scan(ClamdScannerTest.message("hello")))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("spamd=" + closed + " cannot be reached");
  }
}
