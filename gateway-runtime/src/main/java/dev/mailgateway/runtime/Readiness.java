package dev.mailgateway.runtime;

import dev.mailgateway.api.ScannerEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a gateway is fit to be sent mail, and if not, every reason: it is stopping, its spool
 * is not writable, a scanner it needs does not answer, its certificate has expired. What asks
 * the network is asked at most every few seconds, however often a balancer probes.
 */
final class Readiness {

  private static final Duration SCANNER_CHECK_AGE = Duration.ofSeconds(5);
  private static final int SCANNER_TIMEOUT_MILLIS = 1000;

  private final Optional<Path> spool;
  private final List<ScannerEndpoint> scanners;
  private volatile Optional<X509Certificate> certificate;
  private final Clock clock;
  private volatile boolean draining;
  private volatile List<String> scannerProblems = List.of();
  private volatile long scannersCheckedAt = System.nanoTime() - SCANNER_CHECK_AGE.toNanos() - 1;

  Readiness(Optional<Path> spool, List<ScannerEndpoint> scanners,
      Optional<X509Certificate> certificate, Clock clock) {
    this.spool = spool;
    List<ScannerEndpoint> real = new java.util.ArrayList<>();
    for (ScannerEndpoint scanner : scanners) {
      if (scanner.kind() != ScannerEndpoint.Kind.TEST_DETECTORS) {
        real.add(scanner);
      }
    }
    this.scanners = List.copyOf(real);
    this.certificate = certificate;
    this.clock = clock;
  }

  /** The certificate served from now on (after a reload). */
  void serving(Optional<X509Certificate> served) {
    certificate = served;
  }

  /** From now on, not ready: the gateway is stopping. */
  void drain() {
    draining = true;
  }

  /** Why the gateway is not ready; empty when it is. */
  List<String> problems(boolean listening) {
    List<String> problems = new ArrayList<>();
    if (draining) {
      problems.add("draining: the gateway is stopping");
    } else if (!listening) {
      problems.add("not listening");
    }
    spool.map(folder -> folder.resolve("queue")).filter(queue -> !Files.isWritable(queue))
        .ifPresent(queue -> problems.add("the spool " + queue + " is not writable"));
    problems.addAll(scanners());
    certificate.filter(c -> c.getNotAfter().toInstant().isBefore(clock.instant()))
        .ifPresent(c -> problems.add("the certificate " + c.getSubjectX500Principal().getName()
            + " expired at " + c.getNotAfter().toInstant()));
    return problems;
  }

  private List<String> scanners() {
    long now = System.nanoTime();
    if (now - scannersCheckedAt > SCANNER_CHECK_AGE.toNanos()) {
      List<String> problems = new ArrayList<>();
      for (ScannerEndpoint scanner : scanners) {
        try {
          reach(scanner);
        } catch (IOException e) {
          problems.add("the scanner " + scanner + " does not answer: " + e.getMessage());
        }
      }
      scannerProblems = problems;
      scannersCheckedAt = now;
    }
    return scannerProblems;
  }

  private static void reach(ScannerEndpoint scanner) throws IOException {
    Optional<Path> unix = scanner.unixSocket();
    if (unix.isPresent()) {
      try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        channel.connect(UnixDomainSocketAddress.of(unix.get()));
      }
      return;
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(scanner.host(), scanner.port()), SCANNER_TIMEOUT_MILLIS);
    }
  }
}
