package dev.mailgateway.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to run a gateway in this process: where it listens, where it queues, and which content
 * scanners carry out the policy's content filter.
 *
 * @param host the address to listen on
 * @param port the port; 0 picks a free one
 * @param spool the queue folder; empty keeps the queue in memory (for tests)
 * @param scanners the scanners, asked in this order; a gateway whose policy scans for viruses
 *     or spam refuses to start without one that does
 * @param meters where the gateway's meters go (an application's own Micrometer registry, a
 *     Spring Boot application's, say); empty keeps them in a registry of the gateway's own
 * @param handlers the application's mail handlers by name, which transport entries {@code
 *     app:NAME} deliver to
 */
public record GatewayOptions(String host, int port, Optional<Path> spool,
    List<ScannerEndpoint> scanners, Optional<io.micrometer.core.instrument.MeterRegistry> meters,
    Map<String, MailHandler> handlers) {

  /** Copies the scanners and the handlers. */
  public GatewayOptions {
    scanners = List.copyOf(scanners);
    handlers = Map.copyOf(handlers);
  }

  /** Options whose meters go to a registry of the gateway's own, without handlers. */
  public GatewayOptions(String host, int port, Optional<Path> spool, List<ScannerEndpoint> scanners) {
    this(host, port, spool, scanners, Optional.empty(), Map.of());
  }

  /** The same options with the meters in an application's registry. */
  public GatewayOptions metered(io.micrometer.core.instrument.MeterRegistry registry) {
    return new GatewayOptions(host, port, spool, scanners, Optional.of(registry), handlers);
  }

  /**
   * The same options with one more mail handler, which transport entries {@code app:NAME}
   * deliver to.
   *
   * @throws IllegalArgumentException for a name that a transport entry cannot name, or one
   *     registered already
   */
  public GatewayOptions handling(String name, MailHandler handler) {
    if (!TransportRoute.isHandlerName(name)) {
      throw new IllegalArgumentException("'" + name + "' is not a handler name: letters, digits,"
          + " '-', '_' and '.', as in app:tickets");
    }
    if (handlers.containsKey(name)) {
      throw new IllegalArgumentException("a handler named '" + name + "' is registered already");
    }
    Map<String, MailHandler> more = new java.util.HashMap<>(handlers);
    more.put(name, java.util.Objects.requireNonNull(handler, "handler"));
    return new GatewayOptions(host, port, spool, scanners, meters, more);
  }

  /**
   * Loopback, a free port, the queue in memory, and the EICAR and GTUBE test detectors in place
   * of scanners: what a test wants.
   */
  public static GatewayOptions forTests() {
    return new GatewayOptions("127.0.0.1", 0, Optional.empty(),
        List.of(ScannerEndpoint.testDetectors()));
  }

  /** The same options listening elsewhere. */
  public GatewayOptions listening(String listenHost, int listenPort) {
    return new GatewayOptions(listenHost, listenPort, spool, scanners, meters, handlers);
  }

  /** The same options with a durable queue in a folder. */
  public GatewayOptions spooledIn(Path folder) {
    return new GatewayOptions(host, port, Optional.of(folder), scanners, meters, handlers);
  }

  /** The same options with these scanners in place of the ones there were. */
  public GatewayOptions scanningWith(ScannerEndpoint... endpoints) {
    return new GatewayOptions(host, port, spool, List.of(endpoints), meters, handlers);
  }

  /** The same options with one more scanner, asked after the others. */
  public GatewayOptions alsoScanningWith(ScannerEndpoint endpoint) {
    List<ScannerEndpoint> more = new ArrayList<>(scanners);
    more.add(endpoint);
    return new GatewayOptions(host, port, spool, more, meters, handlers);
  }
}
