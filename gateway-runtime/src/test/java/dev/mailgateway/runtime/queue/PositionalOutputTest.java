package dev.mailgateway.runtime.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgateway.runtime.SpareBuffers;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PositionalOutputTest {

  @TempDir
  Path dir;

  private final SpareBuffers buffers = new SpareBuffers(8, 4);

  private PositionalOutput output(Path file, long start) throws IOException {
    return new PositionalOutput(FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.READ, StandardOpenOption.WRITE), start, buffers);
  }

  @Test
  void writesFromTheStartOffsetThroughTheBuffer() throws IOException {
    Path file = Files.writeString(dir.resolve("q"), "0123");
    try (PositionalOutput out = output(file, 2)) {
      out.write('a');
      out.write("bcdefghijklmnop".getBytes(StandardCharsets.US_ASCII));
      out.write("qrs".getBytes(StandardCharsets.US_ASCII), 1, 2);
    }

    assertThat(Files.readString(file)).isEqualTo("01abcdefghijklmnoprs");
  }

  @Test
  void thePositionCountsWhatIsStillBuffered() throws IOException {
    try (PositionalOutput out = output(dir.resolve("q"), 10)) {
      out.write("abc".getBytes(StandardCharsets.US_ASCII));

      assertThat(out.position()).isEqualTo(13);
    }
  }

  @Test
  void finishingWritesTheRestAndGivesTheBufferBack() throws IOException {
    Path file = dir.resolve("q");
    try (PositionalOutput out = output(file, 0)) {
      out.write("abc".getBytes(StandardCharsets.US_ASCII));
      out.finish();

      assertThat(Files.readString(file)).isEqualTo("abc");
      assertThatThrownBy(() -> out.write('d')).isInstanceOf(IllegalStateException.class);
    }
  }
}
