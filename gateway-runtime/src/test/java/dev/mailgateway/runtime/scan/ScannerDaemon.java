package dev.mailgateway.runtime.scan;

import dev.mailgateway.api.ScannerEndpoint;
import dev.mailgateway.config.DaemonProcess;
import dev.mailgateway.config.RealPeers;
import dev.mailgateway.runtime.cleanup.TestSignatureScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.time.Duration;

/**
 * A real clamd or spamd, started by a test in a folder of its own on loopback, with a database
 * made by the test (there is no network to download ClamAV's): stopped by its own process id.
 */
public final class ScannerDaemon implements AutoCloseable {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final DaemonProcess daemon;
  private final ScannerEndpoint tcp;
  private final ScannerEndpoint unix;

  private ScannerDaemon(DaemonProcess daemon, ScannerEndpoint tcp, ScannerEndpoint unix) {
    this.daemon = daemon;
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
      int port = RealPeers.freePort();
      Path socket = folder.resolve("clamd.sock");
      Path conf = folder.resolve("clamd.conf");
      Files.writeString(conf, String.join("\n",
          "LocalSocket " + socket, "TCPSocket " + port, "TCPAddr 127.0.0.1",
          "DatabaseDirectory " + db, "Foreground yes", "LogFile " + folder.resolve("clamd.log"),
          "StreamMaxLength " + streamMaxLength, "SelfCheck 0", ""));
      ScannerEndpoint tcp = ScannerEndpoint.clamd("127.0.0.1:" + port);
      DaemonProcess daemon = DaemonProcess.start(List.of("clamd", "-c", conf.toString()),
          folder.resolve("clamd.out"), PATIENCE, () -> ClamdScanner.at(tcp).ping().equals("PONG"));
      return new ScannerDaemon(daemon, tcp, ScannerEndpoint.clamd("unix:" + socket));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** spamd with Debian's rules, local tests only (no network), on a TCP port. */
  public static ScannerDaemon spamd(Path folder) {
    RealPeers.require("spamd");
    ScannerEndpoint tcp = ScannerEndpoint.spamd("127.0.0.1:" + RealPeers.freePort());
    DaemonProcess daemon = DaemonProcess.start(List.of("spamd", "--listen=" + tcp.address().orElseThrow(),
        "--allowed-ips=127.0.0.1", "--local", "--nouser-config", "--username=nobody",
        "--max-children=2", "--min-children=1", "--syslog=stderr",
        "--pidfile=" + folder.resolve("spamd.pid")), folder.resolve("spamd.out"), PATIENCE,
        () -> SpamdScanner.at(tcp).ping().endsWith("PONG"));
    return new ScannerDaemon(daemon, tcp, tcp);
  }

  /** A loopback address where nothing listens: a scanner that is down. */
  public static String nothingListening() {
    return "127.0.0.1:" + RealPeers.freePort();
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
    daemon.close();
  }
}
