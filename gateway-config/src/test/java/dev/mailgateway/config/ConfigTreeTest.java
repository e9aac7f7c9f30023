package dev.mailgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTreeTest {

  @TempDir
  Path dir;

  private final ConfigTree tree = ConfigTree.of(List.of(
      ConfigFile.text("postfix/main.cf", "myhostname = a.example\n"),
      new ConfigFile("keys/d.private", "KEY".getBytes(StandardCharsets.UTF_8), true)));

  @Test
  void writesEveryFileBelowANewFolder() throws Exception {
    List<Path> written = tree.writeTo(dir.resolve("out"));

    assertThat(written).containsExactly(dir.resolve("out/postfix/main.cf"),
        dir.resolve("out/keys/d.private"));
    assertThat(Files.readString(dir.resolve("out/postfix/main.cf")))
        .isEqualTo("myhostname = a.example\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("out"))))
        .isEqualTo("rwxr-xr-x");
  }

  @Test
  void secretsAreOwnerOnly() throws Exception {
    tree.writeTo(dir.resolve("out"));

    assertThat(PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dir.resolve("out/keys/d.private")))).isEqualTo("rw-------");
  }

  @Test
  void replacesItsOwnFilesAndLeavesOthersInAnExistingFolder() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out/postfix"));
    Files.writeString(out.resolve("main.cf"), "old");
    Files.createDirectories(dir.resolve("out/queue"));
    Files.writeString(dir.resolve("out/queue/message"), "keep me");

    tree.writeTo(dir.resolve("out"));

    assertThat(Files.readString(dir.resolve("out/postfix/main.cf"))).startsWith("myhostname");
    assertThat(Files.readString(dir.resolve("out/queue/message"))).isEqualTo("keep me");
  }

  @Test
  void leavesNoTemporaryFolderBehind() throws Exception {
    tree.writeTo(dir.resolve("out"));
    tree.writeTo(dir.resolve("out"));

    try (var entries = Files.list(dir)) {
      assertThat(entries).containsExactly(dir.resolve("out"));
    }
  }

  @Test
  void refusesPathsThatLeaveTheTree() {
    assertThatThrownBy(() -> ConfigFile.text("../etc/passwd", "x"))
        .hasMessageContaining("is not a relative path inside the tree");
    assertThatThrownBy(() -> ConfigFile.text("/etc/passwd", "x"))
        .hasMessageContaining("is not a relative path inside the tree");
  }

  @Test
  void refusesTwoFilesAtOnePath() {
    assertThatThrownBy(() -> ConfigTree.of(List.of(ConfigFile.text("a", "1"), ConfigFile.text("a", "2"))))
        .hasMessageContaining("two files at a");
  }

  @Test
  void aFileWhereAFolderGoesBlocksTheWholeTreeAndNothingIsWritten() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("postfix"), "in the way");

    assertThatThrownBy(() -> tree.writeTo(out))
        .hasMessageContaining("cannot write the configuration to " + out)
        .hasCauseInstanceOf(java.nio.file.FileSystemException.class)
        .cause().hasMessageContaining("nothing was written")
        .hasMessageContaining(out.resolve("postfix") + " is a file where the folder of postfix/main.cf goes");
    assertThat(out.resolve("keys")).doesNotExist();
  }

  @Test
  void aTargetThatIsAFileIsRefusedBeforeAnythingIsWritten() throws Exception {
    Path out = Files.writeString(dir.resolve("out"), "a file");

    assertThatThrownBy(() -> tree.checkWritable(out))
        .cause().hasMessageContaining(out + " is a file, not a folder");
  }
}
