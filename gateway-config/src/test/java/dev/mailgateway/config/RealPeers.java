package dev.mailgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The real programs tests check against. A missing one fails the test: CI installs them with
 * {@code .ci/install-peers}, and a test that quietly skipped would prove nothing. Other modules'
 * tests use it through this module's test jar.
 */
public final class RealPeers {

  private RealPeers() {}

  public static void require(String program) {
    boolean found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
        .map(dir -> Path.of(dir, program))
        .anyMatch(Files::isExecutable)
        || Files.isExecutable(Path.of("/usr/sbin", program));
    assertThat(found).as("%s must be installed: run .ci/install-peers", program).isTrue();
  }

  public static ProgramRun run(String... command) {
    require(command[0]);
    return ProgramRun.of(List.of(command), Duration.ofSeconds(60));
  }

  public static ProgramRun postconf(Path configDirectory, String... options) {
    List<String> command = new ArrayList<>(List.of("postconf", "-c", configDirectory.toString()));
    command.addAll(List.of(options));
    return run(command.toArray(String[]::new));
  }

  /**
   * Speaks SMTP with swaks from a loopback address and returns the dialogue; {@code --quit-after}
   * RCPT keeps nothing queued.
   */
  public static ProgramRun swaks(PostfixInstance postfix, String from, String recipient, String... more) {
    List<String> command = new ArrayList<>(List.of("swaks",
        "--server", postfix.host() + ":" + postfix.port(),
        "--local-interface", from,
        "--helo", "client.example",
        "--from", "sender@client.example",
        "--to", recipient,
        "--timeout", "20"));
    command.addAll(List.of(more));
    return run(command.toArray(String[]::new));
  }

  /**
   * Ports free on 127.0.0.1 now, all different: each is held until all are found, so that two
   * services of one test never get the same port.
   */
  public static int[] freePorts(int count) {
    java.util.List<java.net.ServerSocket> held = new java.util.ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
            java.net.InetAddress.getLoopbackAddress());
        held.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("no free port on 127.0.0.1", e);
    } finally {
      for (java.net.ServerSocket socket : held) {
        try {
          socket.close();
        } catch (java.io.IOException ignored) {
          // Closing a listening socket that was never used does not fail.
        }
      }
    }
  }

  /** A port free on 127.0.0.1 now. */
  public static int freePort() {
    return freePorts(1)[0];
  }
}
