package dev.mailgateway.runtime;

import dev.mailgateway.config.RealPeers;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * Postfix's smtp-sink on a free loopback port, dumping every message it receives into a folder
 * (lines ended by LF there): the real next hop of the runtime's end-to-end tests.
 */
public final class SmtpSink implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path dumps;

  private SmtpSink(Process process, int port, Path dumps) {
    this.process = process;
    this.port = port;
    this.dumps = dumps;
  }

  /** Starts a sink dumping below {@code folder}, and waits until it listens. */
  public static SmtpSink start(Path folder) throws IOException, InterruptedException {
    return start(folder, List.of());
  }

  /** Starts a sink with more of smtp-sink's options, such as {@code -t 1} (idle time limit). */
  public static SmtpSink start(Path folder, List<String> options)
      throws IOException, InterruptedException {
    return start(folder, options, freePort());
  }

  /** Starts a sink on a given port: a next hop that comes back where it was. */
  public static SmtpSink start(Path folder, List<String> options, int port)
      throws IOException, InterruptedException {
    RealPeers.require("smtp-sink");
    // smtp-sink drops root for nobody, who must reach the dump folder.
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path dumps = Files.createDirectories(folder.resolve("sink"));
    Files.setPosixFilePermissions(dumps, PosixFilePermissions.fromString("rwxrwxrwx"));
    List<String> command = new java.util.ArrayList<>(List.of("smtp-sink", "-u", "nobody", "-d",
        dumps + "/%M."));
    command.addAll(options);
    command.addAll(List.of("127.0.0.1:" + port, "100"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    for (int i = 0; i < 200; i++) {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        return new SmtpSink(process, port, dumps);
      } catch (IOException notYet) {
        Thread.sleep(25);
      }
    }
    process.destroy();
    throw new IOException("smtp-sink did not listen on " + port);
  }

  /** A port nothing listens on now. */
  public static int freePort() {
    return RealPeers.freePort();
  }

  public int port() {
    return port;
  }

  /** The dump files so far, one per message. */
  public List<Path> messages() throws IOException {
    try (Stream<Path> files = Files.list(dumps)) {
      return files.toList();
    }
  }

  /**
   * The first message to arrive, once it has: read as smtp-sink wrote it (its envelope records,
   * then the message with LF line ends).
   *
   * @throws AssertionError when none arrives within 10 s, with what the gateway says of it
   */
  public String firstMessage(Object whatTheGatewaySays) throws IOException, InterruptedException {
    for (int i = 0; i < 200; i++) {
      List<Path> dumps = messages();
      if (!dumps.isEmpty()) {
        // smtp-sink writes a dump while it receives: let it finish.
        Thread.sleep(200);
        return Files.readString(dumps.get(0), java.nio.charset.StandardCharsets.ISO_8859_1);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("nothing arrived at smtp-sink; the gateway: " + whatTheGatewaySays);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
