package dev.mailgateway.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code gateway run} in a JVM of its own, with this test's classpath: one a test can kill. */
final class GatewayProcess {

  private GatewayProcess() {}

  static Process start(Path policy, int port, Path spool, Path log, String... jvmOptions)
      throws IOException {
    return start(policy, port, spool, log, List.of(jvmOptions), List.of());
  }

  /** With JVM options and more options of {@code gateway run}. */
  static Process start(Path policy, int port, Path spool, Path log, List<String> jvmOptions,
      List<String> runOptions) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        "dev.mailgateway.cli.GatewayCommand", "run", "--policy", policy.toString(),
        "--listen", "127.0.0.1:" + port, "--spool", spool.toString()));
    // Tests of other things need not wait for the drain of a load balancer's health check.
    if (!runOptions.contains("--drain")) {
      command.addAll(List.of("--drain", "0s"));
    }
    command.addAll(runOptions);
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /**
   * Waits until a gateway's output says it listens: printed once everything is set up, its
   * control socket and signal handlers included, which the SMTP port alone does not tell.
   */
  static void awaitStarted(Path log) throws IOException, InterruptedException {
    for (int i = 0; i < 400; i++) {
      if (java.nio.file.Files.exists(log) && java.nio.file.Files.readString(log).contains(" listening on ")) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the gateway did not start: " + (java.nio.file.Files.exists(log)
        ? java.nio.file.Files.readString(log) : "no output"));
  }
}
