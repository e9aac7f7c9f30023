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
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(List.of(jvmOptions));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        "dev.mailgateway.cli.GatewayCommand", "run", "--policy", policy.toString(),
        "--listen", "127.0.0.1:" + port, "--spool", spool.toString()));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }
}
