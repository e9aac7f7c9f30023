package dev.mailgateway.runtime.scan;

import dev.mailgateway.api.ScannerEndpoint;
import dev.mailgateway.config.RealPeers;
import dev.mailgateway.runtime.cleanup.TestSignatureScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real clamd or spamd, started by a test in a folder of its own on loopback, with a database
 * made by the test (there is no network to download ClamAV's): stopped by its own process id.
 */
public final class ScannerDaemon implements AutoCloseable {

  private final Process process;
  private final Path log;
  private final ScannerEndpoint tcp;
  private final ScannerEndpoint unix;

  private ScannerDaemon(Process process, Path log, ScannerEndpoint tcp, ScannerEndpoint unix) {
    this.process = process;
    this.log = log;
    this.tcp = tcp;
    this.unix = unix;
  }

  /**
   * clamd with one signature, the EICAR test file as an {@code .ndb} body signature (found
   * anywhere, MIME-encoded parts included after decoding), listening on a Unix socket and a TCP
   * port, with this {@code StreamMaxLength}.
   */
  public static ScannerDaemon clamd(Path folder, String streamMaxLength) {
    RealPeers.require("clamd");
    try {
      Path db = Files.createDirectories(folder.resolve("db"));
      Files.writeString(db.resolve("gateway-test.ndb"), "Eicar-Test-Signature:0:*:"
          + HexFormat.of().formatHex(TestSignatureScanner.EICAR.getBytes(StandardCharsets.US_ASCII))
          + "\n");
      int port = freePort();
      Path socket = folder.resolve("clamd.sock");
      Path conf = folder.resolve("clamd.conf");
      Files.writeString(conf, String.join("\n",
          "LocalSocket " + socket, "TCPSocket " + port, "TCPAddr 127.0.0.1",
          "DatabaseDirectory " + db, "Foreground yes", "LogFile " + folder.resolve("clamd.log"),
          "StreamMaxLength " + streamMaxLength, "SelfCheck 0", "") );
      Path log = folder.resolve("clamd.out");
      Process process = new ProcessBuilder("clamd", "-c", conf.toString())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      ScannerDaemon daemon = new ScannerDaemon(process, log,
          ScannerEndpoint.clamd("127.0.0.1:" + port), ScannerEndpoint.clamd("unix:" + socket));
      daemon.awaitReady(() -> ClamdScanner.at(daemon.tcp).ping().equals("PONG"));
      return daemon;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** spamd with Debian's rules, local tests only (no network), on a TCP port. */
  public static ScannerDaemon spamd(Path folder) {
    RealPeers.require("spamd");
    try {
      int port = freePort();
      Path log = folder.resolve("spamd.out");
      Process process = new ProcessBuilder(List.of("spamd", "--listen=127.0.0.1:" + port,
          "--allowed-ips=127.0.0.1", "--local", "--nouser-config", "--username=nobody",
          "--max-children=2", "--min-children=1", "--syslog=stderr",
          "--pidfile=" + folder.resolve("spamd.pid")))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      ScannerDaemon daemon = new ScannerDaemon(process, log,
          ScannerEndpoint.spamd("127.0.0.1:" + port), ScannerEndpoint.spamd("127.0.0.1:" + port));
      daemon.awaitReady(() -> SpamdScanner.at(daemon.tcp).ping().endsWith("PONG"));
      return daemon;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private interface Probe {
    boolean ready() throws IOException;
  }

  private void awaitReady(Probe probe) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the scanner ended at its start:\n" + Files.readString(log));
      }
      try {
        if (probe.ready()) {
          return;
        }
      } catch (IOException notYet) {
        // Still loading its database.
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    close();
    throw new IllegalStateException("the scanner did not answer within 60 s:\n" + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Its TCP endpoint. */
  public ScannerEndpoint tcp() {
    return tcp;
  }

  /** Its Unix socket endpoint (clamd), or the TCP one (spamd). */
  public ScannerEndpoint unix() {
    return unix;
  }

  /** Stops the daemon this test started, and waits for it to end. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
