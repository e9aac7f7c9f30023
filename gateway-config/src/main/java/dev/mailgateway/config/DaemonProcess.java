package dev.mailgateway.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A daemon this program started in the foreground for a test or a benchmark (amavisd, clamd,
 * spamd): its output goes to a log file, readiness is asked of it until a deadline, and it is
 * stopped by its own process, its children with it, never by name.
 */
public final class DaemonProcess implements AutoCloseable {

  /** A question that is true once the daemon serves; an exception means not yet. */
  public interface Readiness {
    /** Whether the daemon serves. */
    boolean ready() throws IOException;
  }

  private final Process process;
  private final Path log;

  private DaemonProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts the command with its output in the log file and waits until it is ready.
   *
   * @throws IllegalStateException when it ends or is not ready in time, with what it printed
   */
  public static DaemonProcess start(List<String> command, Path log, Duration patience,
      Readiness readiness) {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
    }
    DaemonProcess daemon = new DaemonProcess(process, log);
    daemon.awaitReady(command.get(0), patience, readiness);
    return daemon;
  }

  private void awaitReady(String name, Duration patience, Readiness readiness) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " ended at its start:\n" + output());
      }
      try {
        if (readiness.ready()) {
          return;
        }
      } catch (IOException notYet) {
        // Still starting: loading rules or signatures.
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    close();
    throw new IllegalStateException(name + " was not ready within " + patience.toSeconds()
        + " s:\n" + output());
  }

  /** What the daemon printed so far. */
  public String output() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(" + log + " unreadable: " + e.getMessage() + ")";
    }
  }

  /** Stops the daemon (TERM, then KILL after 20 s) and any child it leaves behind. */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
  }
}
