package dev.mailgateway.cli;

import dev.mailgateway.api.GatewayOptions;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.ScannerEndpoint;
import dev.mailgateway.runtime.scan.ScannerLineup;
import dev.mailgateway.runtime.EmbeddedGateway;
import dev.mailgateway.runtime.log.EventFormat;
import dev.mailgateway.runtime.log.JsonLogFormat;
import dev.mailgateway.runtime.log.MailLog;
import dev.mailgateway.runtime.log.PostfixLogFormat;
import dev.mailgateway.runtime.metrics.AdminListener;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gateway run}: the policy as a running gateway until the process is stopped. SIGTERM
 * stops accepting, lets the sessions in flight finish and keeps the queue for the next start.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the gateway in this process until stopped (SIGTERM: stop accepting,"
        + " finish the sessions in flight, keep the queue).")
final class RunCommand implements Callable<Integer> {

  @Mixin
  PolicySource source;

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:2525",
      description = "Where to listen (default: ${DEFAULT-VALUE}).")
  String listen;

  @Option(names = "--spool", paramLabel = "DIR", defaultValue = "spool",
      description = "The durable queue folder (default: ${DEFAULT-VALUE}).")
  Path spool;

  @Option(names = "--scanner", paramLabel = "SCANNER",
      description = "A content scanner, asked in the order given: clamd=unix:/run/clamav/clamd.ctl,"
          + " clamd=HOST:PORT, spamd=HOST:PORT or test-detectors (EICAR and GTUBE only); or"
          + " amavisd after the queue, alone: amavis=127.0.0.1:10024[,reinject=127.0.0.1:10025]."
          + " Needed when the policy scans for viruses or spam.")
  List<String> scanners = List.of();

  @Option(names = "--mail-log", paramLabel = "FILE",
      description = "Append the mail log to this file (reopened when rotated away) instead of"
          + " writing it to standard output.")
  Optional<Path> mailLog = Optional.empty();

  @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "postfix",
      description = "postfix: the lines Postfix 3.7 writes (pflogsumm reads them); json: one"
          + " JSON object per event (default: ${DEFAULT-VALUE}).")
  String logFormat;

  @Option(names = "--admin-listen", paramLabel = "HOST:PORT",
      description = "Serve /health/live, /health/ready and /metrics (Prometheus) over HTTP here;"
          + " read only. Off unless given.")
  Optional<String> adminListen = Optional.empty();

  @Option(names = "--drain", paramLabel = "DURATION", defaultValue = "5s",
      description = "On SIGTERM, first report not ready (/health/ready: 503) and keep serving this"
          + " long, so that a load balancer's health check takes the gateway out; then stop"
          + " accepting, finish the sessions and exit, the queue kept on disk (default:"
          + " ${DEFAULT-VALUE}; 0s stops at once).")
  String drain;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /**
   * SIGHUP reloads, as it does Postfix's master: the inputs are read anew and run; invalid ones
   * leave the old policy running, and the log says every violation.
   */
  private void reloadOnHangup(java.util.concurrent.atomic.AtomicReference<EmbeddedGateway> running) {
    System.Logger logger = System.getLogger("dev.mailgateway.runtime");
    sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
      EmbeddedGateway gateway = running.get();
      if (gateway == null) {
        return;
      }
      try {
        List<String> needRestart = gateway.reloadFromSource();
        logger.log(System.Logger.Level.INFO, "reload -- configuration " + source.describe());
        needRestart.forEach(note -> logger.log(System.Logger.Level.WARNING,
            "reload: a restart is needed to change " + note));
      } catch (dev.mailgateway.api.PolicyException invalid) {
        invalid.violations().forEach(violation -> logger.log(System.Logger.Level.WARNING,
            "reload refused, the old policy keeps running: " + violation));
      } catch (RuntimeException failed) {
        logger.log(System.Logger.Level.WARNING,
            "reload refused, the old policy keeps running: " + failed.getMessage());
      }
    });
  }

  /** {@code HOST:PORT} of an option ({@code [v6]:port} too), or a usage error naming it. */
  private InetSocketAddress address(String option, String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0 || !text.substring(colon + 1).matches("\\d{1,5}")
        || Integer.parseInt(text.substring(colon + 1)) > 65535) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          option + " wants HOST:PORT, such as 127.0.0.1:2525, not '" + text + "'");
    }
    String host = text.substring(0, colon).replace("[", "").replace("]", "");
    return new InetSocketAddress(host, Integer.parseInt(text.substring(colon + 1)));
  }

  @Override
  public Integer call() throws InterruptedException {
    InetSocketAddress smtp = address("--listen", listen);
    java.time.Duration grace;
    try {
      grace = dev.mailgateway.api.PostfixDuration.parse(drain, 's').toDuration();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--drain " + e.getMessage());
    }
    Optional<InetSocketAddress> admin = adminListen.map(text -> address("--admin-listen", text));
    List<ScannerEndpoint> endpoints = new ArrayList<>();
    for (String scanner : scanners) {
      try {
        endpoints.add(ScannerEndpoint.parse(scanner));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--scanner " + e.getMessage());
      }
    }
    GatewayPolicy policy = source.read(spec.commandLine().getErr()).policy();
    try {
      ScannerLineup.checkCarryOut(policy.contentFilter(), endpoints);
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage()
          + " (--scanner, or contentFilter.enabled: false)");
    }
    EventFormat format = switch (logFormat) {
      case "postfix" -> new PostfixLogFormat(policy.hostname().name(), ZoneId.systemDefault());
      case "json" -> new JsonLogFormat(policy.hostname().name());
      default -> throw new CommandLine.ParameterException(spec.commandLine(),
          "--log-format is postfix or json, not '" + logFormat + "'");
    };
    MailLog log;
    try {
      log = mailLog.map(file -> MailLog.to(file, format)).orElseGet(() -> MailLog.to(System.out, format));
    } catch (java.io.UncheckedIOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--mail-log: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    PrometheusMeterRegistry meters = PrometheusMeters.create();
    // Before the listener opens: a SIGHUP the moment it does must not stop the JVM.
    java.util.concurrent.atomic.AtomicReference<EmbeddedGateway> running =
        new java.util.concurrent.atomic.AtomicReference<>();
    reloadOnHangup(running);
    EmbeddedGateway gateway = EmbeddedGateway.start(policy,
        new GatewayOptions(smtp.getHostString(), smtp.getPort(), Optional.of(spool), endpoints)
            .metered(meters),
        EmbeddedGateway.Parts.defaults().tellingKeysTo(key -> {
          out.println("generated the DKIM key of " + key.domain() + "; publish this record:");
          out.print(key.zoneFile());
        }));
    log.install(gateway.events());
    PrintWriter err = spec.commandLine().getErr();
    gateway.rereadingFrom(() -> source.read(err).policy());
    running.set(gateway);
    Optional<AdminListener> adminListener;
    try {
      adminListener = admin.map(address -> AdminListener.start(address, gateway::readiness,
          meters::scrape));
    } catch (java.io.UncheckedIOException e) {
      gateway.close();
      log.close();
      throw new CommandLine.ParameterException(spec.commandLine(), "--admin-listen: " + e.getMessage());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      gateway.drain();
      if (!grace.isZero()) {
        System.getLogger("dev.mailgateway.runtime").log(System.Logger.Level.INFO, "stopping:"
            + " not ready from now on, serving for another " + grace.toSeconds() + " s (--drain)");
        try {
          Thread.sleep(grace.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      gateway.close();
      adminListener.ifPresent(AdminListener::close);
      log.close();
      stopped.countDown();
    }, "gateway-stop"));
    if (policy.dkim().isPresent()) {
      System.getLogger("dev.mailgateway.runtime").log(System.Logger.Level.INFO,
          "DKIM signing: " + dev.mailgateway.dkim.DkimSigner.providers());
    }
    out.println("gateway " + policy.hostname() + " listening on " + gateway.host() + ":"
        + gateway.port() + ", queue in " + spool.toAbsolutePath()
        + adminListener.map(a -> ", admin endpoints on http://" + a.address().getHostString() + ":"
            + a.address().getPort()).orElse(""));
    out.flush();
    stopped.await();
    return 0;
  }
}
