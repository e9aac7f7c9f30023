package dev.mailgateway.runtime.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TestSignatureScannerTest {

  private static ScanReport scan(String text) throws IOException {
    return new TestSignatureScanner().scan(MessageContent.of(text.getBytes(StandardCharsets.ISO_8859_1)));
  }

  @Test
  void findsTheEicarTestFileAsClamavNamesIt() throws IOException {
    assertThat(scan("Subject: x\r\n\r\n" + TestSignatureScanner.EICAR + "\r\n").virus())
        .contains("Eicar-Test-Signature");
  }

  @Test
  void scoresGtubeAsSpamAssassinDoes() throws IOException {
    ScanReport report = scan("Subject: x\r\n\r\n" + TestSignatureScanner.GTUBE + "\r\n");

    assertThat(report.spamScore()).hasValueSatisfying(s -> assertThat(s.intValue()).isEqualTo(1000));
    assertThat(report.tests()).containsExactly("GTUBE");
  }

  @Test
  void findsASignatureAcrossTheReadsOfALargeMessage() throws IOException {
    byte[] filler = new byte[64 * 1024 - 10];
    java.util.Arrays.fill(filler, (byte) 'a');
    InputStream message = new SequenceInputStream(new ByteArrayInputStream(filler),
        new ByteArrayInputStream(TestSignatureScanner.EICAR.getBytes(StandardCharsets.ISO_8859_1)));

    assertThat(new TestSignatureScanner().scan(MessageContent.of(message.readAllBytes())).virus())
        .isPresent();
  }

  @Test
  void aPlainMessageIsClean() throws IOException {
    ScanReport report = scan("Subject: hello\r\n\r\nJust a note.\r\n");

    assertThat(report.virus()).isEmpty();
    assertThat(report.spamScore()).hasValueSatisfying(s -> assertThat(s.signum()).isZero());
  }
}
