package dev.mailgateway.runtime.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
}
