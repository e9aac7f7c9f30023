package dev.mailgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.config.ProgramRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as a user gets it: {@code gateway-VERSION.tar.gz} unpacked into a folder far
 * from the checkout and run with nothing but a Java runtime (no Maven, no class path of ours, an
 * environment of {@code PATH} and {@code JAVA_HOME} only). Runs after {@code package}, by
 * Failsafe.
 */
class DistributionIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir
  static Path unpacked;
  static Path gateway;

  @BeforeAll
  static void unpack() throws Exception {
    Path archive = Path.of(System.getProperty("gateway.distribution"));
    assertThat(archive).exists();
    ProgramRun tar = ProgramRun.of(List.of("tar", "-xzf", archive.toString(), "-C",
        unpacked.toString()), TIMEOUT);
    assertThat(tar.exitCode()).as(tar.output()).isZero();
    String folder = archive.getFileName().toString().replace(".tar.gz", "");
    gateway = unpacked.resolve(folder).resolve("bin/gateway");
  }

  private static ProgramRun run(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("env", "-i", "-C", unpacked.toString(),
        "PATH=/usr/bin:/bin", "JAVA_HOME=" + System.getProperty("java.home"), gateway.toString()));
    command.addAll(List.of(args));
    return ProgramRun.of(command, TIMEOUT);
  }

  @Test
  void theArchiveHoldsTheLauncherTheJarsAndAReadme() throws Exception {
    Path home = gateway.getParent().getParent();
    assertThat(Files.getPosixFilePermissions(gateway)).contains(PosixFilePermission.OWNER_EXECUTE,
        PosixFilePermission.OTHERS_EXECUTE);
    assertThat(home.resolve("README.md")).content().contains("Java 17").doesNotContain("${");
    try (var jars = Files.list(home.resolve("lib"))) {
      assertThat(jars.map(jar -> jar.getFileName().toString()))
          .anyMatch(name -> name.startsWith("gateway-cli-"))
          .anyMatch(name -> name.startsWith("gateway-runtime-"))
          .anyMatch(name -> name.startsWith("picocli-"))
          .noneMatch(name -> name.startsWith("junit") || name.startsWith("assertj")
              || name.startsWith("greenmail"))
          // Nothing that logs through SLF4J, which complains on every start without a binding.
          .noneMatch(name -> name.startsWith("slf4j") || name.startsWith("dnsjava"));
    }
  }

  @Test
  void theUnpackedDistributionRendersTheDemoWithOnlyAJavaRuntime() throws Exception {
    Path out = unpacked.resolve("demo-out");

    ProgramRun demo = run("demo", "--out", out.toString());

    assertThat(demo.exitCode()).as(demo.output()).isZero();
    assertThat(out.resolve("postfix/main.cf")).content().contains("myhostname");
  }

  @Test
  void theLauncherSaysWhichVersionItIs() throws Exception {
    ProgramRun version = run("--version");

    assertThat(version.exitCode()).as(version.output()).isZero();
    assertThat(version.output()).contains("Mail Gateway Toolkit");
  }

  @Test
  void aLauncherWithoutJavaSaysSo() throws Exception {
    ProgramRun noJava = ProgramRun.of(List.of("env", "-i", "PATH=/nonexistent", "/bin/sh",
        gateway.toString(), "--version"), TIMEOUT);

    assertThat(noJava.exitCode()).isEqualTo(1);
    assertThat(noJava.output()).contains("no Java runtime found");
  }
}
