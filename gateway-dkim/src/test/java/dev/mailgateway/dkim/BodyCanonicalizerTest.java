package dev.mailgateway.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The canonical body by RFC 6376 section 3.4; {@code RealDkimPeersTest} holds it against Perl's
 * Mail::DKIM on random bodies.
 */
class BodyCanonicalizerTest {

  private static String canonical(Canonicalization c, String body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream stream = c.body(out)) {
      stream.write(body.getBytes(StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  @Test
  void relaxedBodyIsTheRfcExample() {
    assertThat(canonical(Canonicalization.RELAXED, " C \r\nD \t E\r\n\r\n\r\n"))
        .isEqualTo(" C\r\nD E\r\n");
  }

  @Test
  void simpleBodyIsTheRfcExample() {
    assertThat(canonical(Canonicalization.SIMPLE, " C \r\nD \t E\r\n\r\n\r\n"))
        .isEqualTo(" C \r\nD \t E\r\n");
  }

  @Test
  void emptyRelaxedBodyStaysEmpty() {
    assertThat(canonical(Canonicalization.RELAXED, "\r\n \r\n\t\r\n")).isEmpty();
  }

  @Test
  void emptySimpleBodyIsOneLineEnd() {
    assertThat(canonical(Canonicalization.SIMPLE, "")).isEqualTo("\r\n");
  }

  @Test
  void emptyLinesBetweenTextAreKept() {
    assertThat(canonical(Canonicalization.RELAXED, "a\r\n\r\n \r\nb\r\n"))
        .isEqualTo("a\r\n\r\n\r\nb\r\n");
  }

  @Test
  void bareLineFeedEndsALineAsCrlfDoes() {
    assertThat(canonical(Canonicalization.SIMPLE, "a\nb\n\n")).isEqualTo("a\r\nb\r\n");
  }

  @Test
  void bareCarriageReturnIsText() {
    assertThat(canonical(Canonicalization.RELAXED, "a \t\rb\r")).isEqualTo("a \rb\r\r\n");
  }

  @Test
  void relaxedDropsTheBlanksOfALastLineWithoutItsLineEnd() {
    assertThat(canonical(Canonicalization.RELAXED, "a  b \t")).isEqualTo("a b\r\n");
  }

  @Test
  void simpleLastLineWithoutLineEndGetsOne() {
    assertThat(canonical(Canonicalization.SIMPLE, "a \t")).isEqualTo("a \t\r\n");
  }

  @Test
  void aBodyWrittenAByteAtATimeIsTheSame() throws IOException {
    byte[] body = " a \t b \r\n\r\n\tc\r\r\n \r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream stream = Canonicalization.RELAXED.body(out)) {
      for (byte b : body) {
        stream.write(b);
      }
    }
    assertThat(out.toString(StandardCharsets.ISO_8859_1))
        .isEqualTo(canonical(Canonicalization.RELAXED, new String(body, StandardCharsets.ISO_8859_1)))
        .isEqualTo(" a b\r\n\r\n c\r\r\n");
  }

  @Test
  void bodyLongerThanABlockPassesWhole() {
    String line = "x".repeat(99) + "  y\r\n";
    assertThat(canonical(Canonicalization.RELAXED, line.repeat(100)))
        .isEqualTo(("x".repeat(99) + " y\r\n").repeat(100));
  }
}
