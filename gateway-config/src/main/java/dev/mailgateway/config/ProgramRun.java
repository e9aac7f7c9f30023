package dev.mailgateway.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A finished run of an external program, with its exit code and its standard output and error
 * interleaved.
 *
 * @param command the command line
 * @param exitCode the exit code
 * @param output what it printed
 */
public record ProgramRun(List<String> command, int exitCode, String output) {

  /**
   * Runs a program to its end.
   *
   * @throws IllegalStateException when it cannot be started or outlives the timeout (it is then
   *     killed)
   */
  public static ProgramRun of(List<String> command, Duration timeout) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      byte[][] output = new byte[1][];
      Thread reader = new Thread(() -> {
        try {
          output[0] = process.getInputStream().readAllBytes();
        } catch (IOException e) {
          output[0] = ("(output unreadable: " + e.getMessage() + ")").getBytes(StandardCharsets.UTF_8);
        }
      });
      reader.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
      }
      reader.join(timeout.toMillis());
      return new ProgramRun(command, process.exitValue(),
          output[0] == null ? "" : new String(output[0], StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    }
  }

  /** Whether it exited 0. */
  public boolean succeeded() {
    return exitCode == 0;
  }
}
