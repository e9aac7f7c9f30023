package dev.mailgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.config.ProgramRun;
import dev.mailgateway.config.RealPeers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rendered private instance starts with exactly the commands the README gives. */
class RenderedInstanceTest {

  @TempDir
  Path dir;

  @Test
  void aRenderedInstanceStartsWithTheReadmesCommandsAndRelaysForItsNetwork() throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path policy = Files.writeString(dir.resolve("gateway.yaml"), """
        hostname: mx.example.com
        relayDomains: [example.com]
        contentFilter: {enabled: false}
        """);
    Path root = dir.resolve("instance");
    int port = RealPeers.freePort();

    CommandOutput render = CommandOutput.of("render", "--policy", policy.toString(),
        "--instance-root", root.toString(), "--listen", "127.0.0.1:" + port);
    assertThat(render.exitCode()).as(render.err()).isZero();
    assertThat(render.out()).contains("start it with: postfix -c " + root.resolve("postfix") + " start");

    ProgramRun start = RealPeers.run("postfix", "-c", root.resolve("postfix").toString(), "start");
    try {
      assertThat(start.succeeded()).as(start.output()).isTrue();
      ProgramRun relay = RealPeers.run("swaks", "--server", "127.0.0.1:" + port,
          "--from", "a@client.example", "--to", "b@example.com", "--quit-after", "RCPT", "--timeout", "20");
      assertThat(relay.output()).contains("<-  250 2.1.5 Ok");
    } finally {
      RealPeers.run("postfix", "-c", root.resolve("postfix").toString(), "stop");
    }
  }

  @Test
  void anInstanceBelowAFolderClosedToPostfixIsRefusedWithTheFolderNamed() throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    Path policy = Files.writeString(dir.resolve("gateway.yaml"), "hostname: mx.example.com\n");

    CommandOutput render = CommandOutput.of("render", "--policy", policy.toString(),
        "--instance-root", dir.resolve("instance").toString(), "--listen", "127.0.0.1:2525");

    assertThat(render.exitCode()).isEqualTo(1);
    assertThat(render.err()).contains(dir + " is closed to other users").contains("chmod o+x " + dir);
    assertThat(dir.resolve("instance")).doesNotExist();
  }

  @Test
  void anInstanceWrittenAnywhereButItsRootIsAUsageError() throws Exception {
    Path policy = Files.writeString(dir.resolve("gateway.yaml"), "hostname: mx.example.com\n");

    CommandOutput render = CommandOutput.of("render", "--policy", policy.toString(), "--out",
        dir.resolve("elsewhere").toString(), "--instance-root", dir.resolve("instance").toString(),
        "--listen", "127.0.0.1:2525");

    assertThat(render.exitCode()).isEqualTo(1);
    assertThat(render.err()).contains("is not the instance root");
  }
}
