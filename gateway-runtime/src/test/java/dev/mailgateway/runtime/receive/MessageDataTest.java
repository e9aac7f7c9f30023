package dev.mailgateway.runtime.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageDataTest {

  private record Read(String content, MessageData.Outcome outcome, String rest) {}

  private static Read read(String wire, long limit) throws IOException {
    ByteArrayInputStream in = new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1));
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    MessageData.Outcome outcome = new MessageData(in, limit).copyTo(content);
    return new Read(content.toString(StandardCharsets.ISO_8859_1), outcome,
        new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
  }

  private static Read read(String wire) throws IOException {
    return read(wire, 1_000_000);
  }

  @Test
  void onlyCrLfDotCrLfEndsTheData() throws IOException {
    Read read = read("Subject: a\r\n\r\nbody\r\n.\r\nMAIL FROM:<x@y>\r\n");

    assertThat(read.content()).isEqualTo("Subject: a\r\n\r\nbody\r\n");
    assertThat(read.rest()).isEqualTo("MAIL FROM:<x@y>\r\n");
    assertThat(read.outcome().bareLineFeed()).isFalse();
  }

  @Test
  void anEmptyMessageEndsAtOnce() throws IOException {
    assertThat(read(".\r\n").content()).isEmpty();
  }

  @Test
  void dotStuffedLinesAreUnstuffed() throws IOException {
    assertThat(read("..hidden\r\n..\r\n.\r\n").content()).isEqualTo(".hidden\r\n.\r\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "a\n.\nMAIL FROM:<evil@x>\r\n",
      "a\r\n.\nMAIL FROM:<evil@x>\r\n",
      "a\n.\r\nMAIL FROM:<evil@x>\r\n",
      "a\r.\rMAIL FROM:<evil@x>\r\n",
      "a\r\n.\rMAIL FROM:<evil@x>\r\n",
      "a\r.\r\nMAIL FROM:<evil@x>\r\n"})
  void noOtherLineEndAroundTheDotSplitsTheMessage(String smuggling) throws IOException {
    Read read = read(smuggling + "tail\r\n.\r\n");

    assertThat(read.content()).contains("MAIL FROM:<evil@x>").endsWith("tail\r\n");
    assertThat(read.rest()).isEmpty();
  }

  @Test
  void bareLineFeedsAreReportedAndWrittenAsCrLf() throws IOException {
    Read read = read("a\nb\r\n.\r\n");

    assertThat(read.outcome().bareLineFeed()).isTrue();
    assertThat(read.content()).isEqualTo("a\r\nb\r\n");
  }

  @Test
  void bareCarriageReturnsAreReportedAndWrittenAsCrLf() throws IOException {
    Read read = read("a\rb\r\n.\r\n");

    assertThat(read.outcome().bareCarriageReturn()).isTrue();
    assertThat(read.content()).isEqualTo("a\r\nb\r\n");
  }

  @Test
  void pastTheLimitTheRestIsReadAndDropped() throws IOException {
    Read read = read("0123456789\r\n0123456789\r\n.\r\nQUIT\r\n", 12);

    assertThat(read.outcome().tooLarge()).isTrue();
    assertThat(read.content()).hasSize(12);
    assertThat(read.rest()).isEqualTo("QUIT\r\n");
  }

  @Test
  void aClientThatLeavesDuringDataIsAnEndOfStream() {
    assertThatThrownBy(() -> read("half a message\r\n")).isInstanceOf(EOFException.class);
  }

  @Test
  void anyInputReadInAnyPiecesGivesWhatItsLinesSay() throws IOException {
    Random random = new Random(20261204);
    for (int sample = 0; sample < 2000; sample++) {
      String wire = randomMessage(random) + "\r\n.\r\nQUIT\r\n";
      long limit = random.nextBoolean() ? 1_000_000 : random.nextInt(wire.length() + 1);
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      InputStream in = new BufferedInputStream(new ShortReads(wire, random), 1 + random.nextInt(20_000));
      MessageData.Outcome outcome = new MessageData(in, limit).copyTo(content);
      Read expected = model(wire, limit);

      assertThat(content.toString(StandardCharsets.ISO_8859_1)).as(wire).isEqualTo(expected.content());
      assertThat(outcome).as(wire).isEqualTo(expected.outcome());
      assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo(expected.rest());
    }
  }

  /** Long runs of text with line ends, dots and stray CRs and LFs among them. */
  private static String randomMessage(Random random) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(random.nextBoolean() ? 100 : 30_000);
    while (text.length() < length) {
      int pick = random.nextInt(100);
      if (pick < 80) {
        text.append("abcdefgh", 0, 1 + random.nextInt(8));
      } else if (pick < 88) {
        text.append("\r\n");
      } else if (pick < 93) {
        text.append('.');
      } else if (pick < 97) {
        text.append('\n');
      } else {
        text.append('\r');
      }
    }
    return text.toString();
  }

  /**
   * What RFC 5321 and our rules say, line by line: a line ends at CRLF, or at a bare LF or CR; a
   * line of one dot ends the data only when it and the line before it end in CRLF; a leading dot
   * of a longer line is removed; every line is written with CRLF.
   */
  private static Read model(String wire, long limit) {
    StringBuilder content = new StringBuilder();
    boolean afterCrlf = true;
    boolean bareLf = false;
    boolean bareCr = false;
    int start = 0;
    while (true) {
      int end = start;
      while (wire.charAt(end) != '\r' && wire.charAt(end) != '\n') {
        end++;
      }
      boolean crlf = wire.charAt(end) == '\r' && end + 1 < wire.length() && wire.charAt(end + 1) == '\n';
      bareLf |= wire.charAt(end) == '\n';
      bareCr |= wire.charAt(end) == '\r' && !crlf;
      String line = wire.substring(start, end);
      start = end + (crlf ? 2 : 1);
      if (line.equals(".") && crlf && afterCrlf) {
        break;
      }
      content.append(line.length() > 1 && line.charAt(0) == '.' ? line.substring(1) : line).append("\r\n");
      afterCrlf = crlf;
    }
    long size = content.length();
    String kept = content.substring(0, (int) Math.min(size, limit));
    return new Read(kept, new MessageData.Outcome(size, size > limit, bareLf, bareCr), wire.substring(start));
  }

  /** A client whose bytes arrive in pieces of random sizes, as TCP segments do. */
  private static final class ShortReads extends FilterInputStream {
    private final Random random;

    ShortReads(String wire, Random random) {
      super(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)));
      this.random = random;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return super.read(b, off, Math.min(len, 1 + random.nextInt(random.nextBoolean() ? 3 : 5000)));
    }
  }
}
