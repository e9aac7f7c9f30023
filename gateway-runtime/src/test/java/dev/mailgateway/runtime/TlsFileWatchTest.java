package dev.mailgateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsFileWatchTest {

  @TempDir
  Path dir;

  @Test
  void aGatewayWithoutTlsFilesRunsNoWatchThread() {
    try (TlsFileWatch watch = new TlsFileWatch(List::of, changed -> { })) {
      assertThat(watch.watching()).isFalse();
    }
  }

  @Test
  void theWatchStartsWithTheFirstFilesToWatch() throws Exception {
    List<Path> files = new ArrayList<>();
    try (TlsFileWatch watch = new TlsFileWatch(() -> List.copyOf(files), changed -> { })) {
      files.add(Files.writeString(dir.resolve("cert.pem"), "certificate"));
      watch.rememberNow();

      assertThat(watch.watching()).isTrue();
    }
  }

  @Test
  void aClosedWatchStaysClosedWhenFilesComeLater() throws Exception {
    List<Path> files = new ArrayList<>();
    TlsFileWatch watch = new TlsFileWatch(() -> List.copyOf(files), changed -> { });
    watch.close();
    files.add(Files.writeString(dir.resolve("cert.pem"), "certificate"));
    watch.rememberNow();

    assertThat(watch.watching()).isFalse();
  }
}
