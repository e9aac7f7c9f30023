package dev.mailgateway.runtime.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CrlfLinesTest {

  private static String written(String text, long limit, boolean byteByByte) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CrlfLines lines = new CrlfLines(out, limit);
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    if (byteByByte) {
      for (byte b : bytes) {
        lines.write(b);
      }
    } else {
      lines.write(bytes, 0, bytes.length);
    }
    lines.finish();
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  @Test
  void everyLineEndBecomesCrlf() throws IOException {
    assertThat(written("a\nb\rc\r\nd\n", Long.MAX_VALUE, false)).isEqualTo("a\r\nb\r\nc\r\nd\r\n");
  }

  @Test
  void aCrlfSplitAcrossWritesIsOneLineEnd() throws IOException {
    assertThat(written("a\r\nb\r\n", Long.MAX_VALUE, true)).isEqualTo("a\r\nb\r\n");
  }

  @Test
  void anEmptyLineBetweenLfEndsIsKept() throws IOException {
    assertThat(written("Subject: x\n\nbody\n", Long.MAX_VALUE, false))
        .isEqualTo("Subject: x\r\n\r\nbody\r\n");
  }

  @Test
  void aLastLineWithoutAnEndGetsOne() throws IOException {
    assertThat(written("a\nb", Long.MAX_VALUE, false)).isEqualTo("a\r\nb\r\n");
  }

  @Test
  void pastTheLimitTheRestIsCountedButNotWritten() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CrlfLines lines = new CrlfLines(out, 5);
    lines.write("abc\ndef\n".getBytes(StandardCharsets.US_ASCII));
    lines.finish();

    assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("abc\r\n");
    assertThat(lines.size()).isEqualTo(10);
    assertThat(lines.tooLarge()).isTrue();
  }

  @Test
  void theFirstLineEndingInABareLineFeedIsNamed() throws IOException {
    CrlfLines lines = new CrlfLines(new ByteArrayOutputStream(), Long.MAX_VALUE);
    lines.write("a\r\nb\r\nc\nd\n".getBytes(StandardCharsets.US_ASCII));
    lines.finish();

    assertThat(lines.firstBareNewline()).hasValue(3);
  }

  @Test
  void aBareCarriageReturnCountsAsABareNewline() throws IOException {
    CrlfLines lines = new CrlfLines(new ByteArrayOutputStream(), Long.MAX_VALUE);
    lines.write("a\r\nb\rc\r\n".getBytes(StandardCharsets.US_ASCII));
    lines.finish();

    assertThat(lines.firstBareNewline()).hasValue(2);
  }

  @Test
  void crlfThroughoutHasNoBareNewline() throws IOException {
    CrlfLines lines = new CrlfLines(new ByteArrayOutputStream(), Long.MAX_VALUE);
    for (byte b : "a\r\nb\r\n".getBytes(StandardCharsets.US_ASCII)) {
      lines.write(b);
    }
    lines.finish();

    assertThat(lines.firstBareNewline()).isEmpty();
  }
}
