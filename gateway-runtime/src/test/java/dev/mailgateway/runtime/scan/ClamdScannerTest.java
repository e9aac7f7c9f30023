package dev.mailgateway.runtime.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgateway.api.ScannerEndpoint;
import dev.mailgateway.runtime.cleanup.MessageContent;
import dev.mailgateway.runtime.cleanup.ScanReport;
import dev.mailgateway.runtime.cleanup.TestSignatureScanner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clamd client against a real clamd with a test database of one signature, EICAR's. */
class ClamdScannerTest {

  @TempDir
  static Path folder;
  static ScannerDaemon clamd;

  @BeforeAll
  static void startClamd() {
    clamd = ScannerDaemon.clamd(folder, "1M");
  }

  @AfterAll
  static void stopClamd() {
    clamd.close();
  }

  static MessageContent message(String body) {
    return MessageContent.of(("From: alice@example.com\r\nTo: bob@example.org\r\nSubject: test\r\n"
        + "\r\n" + body + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void pingIsAnsweredWithPong() throws IOException {
    assertThat(ClamdScanner.at(clamd.unix()).ping()).isEqualTo("PONG");
  }

  @Test
  void versionNamesTheEngine() throws IOException {
    assertThat(ClamdScanner.at(clamd.tcp()).version()).startsWith("ClamAV 1.");
  }

  @Test
  void eicarIsFoundOverTheUnixSocket() throws IOException {
    ScanReport report = ClamdScanner.at(clamd.unix()).scan(message(TestSignatureScanner.EICAR));

    assertThat(report.virus()).contains("Eicar-Test-Signature.UNOFFICIAL");
    assertThat(report.virusScannedBy()).contains("ClamAV (clamd)");
  }

  @Test
  void eicarIsFoundOverTcp() throws IOException {
    assertThat(ClamdScanner.at(clamd.tcp()).scan(message(TestSignatureScanner.EICAR)).infected()).isTrue();
  }

  @Test
  void eicarInABase64AttachmentIsFoundAfterDecoding() throws IOException {
    String attachment = Base64.getMimeEncoder().encodeToString(
        TestSignatureScanner.EICAR.getBytes(StandardCharsets.US_ASCII));
    String body = "This is a multi-part message.\r\n--b1\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
        + "--b1\r\nContent-Type: application/octet-stream; name=eicar.com\r\n"
        + "Content-Transfer-Encoding: base64\r\n\r\n" + attachment + "\r\n--b1--";
    MessageContent mime = MessageContent.of(("From: a@example.com\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: multipart/mixed; boundary=b1\r\n\r\n" + body + "\r\n")
        .getBytes(StandardCharsets.US_ASCII));

    assertThat(ClamdScanner.at(clamd.unix()).scan(mime).infected()).isTrue();
  }

  @Test
  void aCleanMessageIsClean() throws IOException {
    ScanReport report = ClamdScanner.at(clamd.unix()).scan(message("Just a note."));

    assertThat(report.infected()).isFalse();
    assertThat(report.virusScannedBy()).contains("ClamAV (clamd)");
  }

  @Test
  void aMessageAboveStreamMaxLengthIsScannedUpToTheLimitAndSaysSo() throws IOException {
    ScanReport report = ClamdScanner.at(clamd.unix()).withStreamMaxLength(1024 * 1024)
        .scan(message("x".repeat(2 * 1024 * 1024)));

    assertThat(report.infected()).isFalse();
    assertThat(report.virusScannedBy()).hasValueSatisfying(
        by -> assertThat(by).contains("first 1048576 of 2097217 bytes"));
  }

  @Test
  void aClamdWithALowerLimitThanTheClientsIsAClearFailure() {
    assertThatThrownBy(() -> ClamdScanner.at(clamd.unix()).withStreamMaxLength(4 * 1024 * 1024)
        .scan(message("x".repeat(2 * 1024 * 1024))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("refused the message above its StreamMaxLength")
        .hasMessageContaining("raise StreamMaxLength in clamd.conf");
  }

  @Test
  void aClamdThatIsDownIsAFailureNamingIt() throws IOException {
    String closed = ScannerDaemon.nothingListening();

    assertThatThrownBy(() -> ClamdScanner.at(ScannerEndpoint.clamd(closed))
        .scan(message("hello")))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("clamd=" + closed + " cannot be reached");
  }

  @Test
  void aClamdThatNeverAnswersTimesOut() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try (Socket ignored = silent.accept()) {
          Thread.sleep(5000);
        } catch (IOException | InterruptedException e) {
          // The test is over.
        }
      });
      acceptor.start();

      assertThatThrownBy(() -> ClamdScanner.at(ScannerEndpoint.clamd("127.0.0.1:" + silent.getLocalPort()))
          .withTimeout(Duration.ofMillis(500)).scan(message("hello")))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("did not answer within");
      acceptor.interrupt();
    }
  }
}
