package dev.mailgateway.cli;

import dev.mailgateway.api.Fingerprint;
import dev.mailgateway.api.Violation;
import dev.mailgateway.runtime.control.ControlSocket;
import dev.mailgateway.runtime.control.GatewayControl;
import dev.mailgateway.tls.Fingerprints;
import dev.mailgateway.tls.Pem;
import dev.mailgateway.tls.TlsHealthCheck;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gateway check}: the image's health check, for a Docker {@code HEALTHCHECK} or a
 * Kubernetes exec probe. Exit 0 when healthy; 1 with every problem printed: the gateway not
 * answering (or not ready), its spool not writable, a certificate it serves changed on disk and
 * not yet picked up, a certificate expiring within the margin.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "The health check: exit 0 when the gateway of a spool answers and is ready, its"
        + " spool is writable and its certificates are current and valid for some days more;"
        + " 1 with every problem otherwise.")
final class CheckCommand implements Callable<Integer> {

  @Mixin
  SpoolOption spoolOption;

  @Option(names = "--days", paramLabel = "N", defaultValue = "3",
      description = "Unhealthy when a certificate expires within this many days (default"
          + " ${DEFAULT-VALUE}, the image's).")
  int days;

  @Option(names = "--tls-dir", paramLabel = "DIR",
      description = "Also check every certificate file of this folder (the image's tls volume).")
  Optional<Path> tlsDir = Optional.empty();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (days < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--days is a number of days, 0 or more, not " + days);
    }
    Path spool = spoolOption.spool;
    List<String> problems = new ArrayList<>();
    Path queue = spool.resolve("queue");
    if (!Files.isDirectory(queue)) {
      problems.add(spool + ": no gateway spool here (no queue/ folder)");
    } else if (!Files.isWritable(queue)) {
      problems.add(queue + ": not writable");
    }
    List<Path> certificates = new ArrayList<>();
    Optional<List<String>> status = GatewayControl.status(spool);
    if (status.isEmpty()) {
      problems.add("the gateway does not answer on " + ControlSocket.socketOf(spool));
    }
    for (String line : status.orElse(List.of())) {
      if (!line.startsWith("certificate ")) {
        problems.add("not ready: " + line);
        continue;
      }
      String[] words = line.split(" ");
      Path file = Path.of(words[1]);
      certificates.add(file);
      currentFingerprint(file).filter(now -> !now.equals(words[2])).ifPresent(now -> problems.add(
          file + ": changed on disk and not yet picked up by the gateway"));
    }
    if (tlsDir.isPresent()) {
      try (Stream<Path> files = Files.list(tlsDir.get())) {
        files.filter(CheckCommand::holdsCertificates).sorted().forEach(certificates::add);
      }
    }
    for (Violation violation : TlsHealthCheck.checkCertificateFiles(certificates.stream().distinct().toList(),
        Duration.ofDays(days), Clock.systemUTC())) {
      problems.add(violation.toString());
    }
    if (problems.isEmpty()) {
      PrintWriter out = spec.commandLine().getOut();
      out.println("healthy: the gateway answers and is ready; " + certificates.size()
          + " certificate files valid for " + days + " more days");
      out.flush();
      return 0;
    }
    PrintWriter err = spec.commandLine().getErr();
    problems.forEach(problem -> err.println("unhealthy: " + problem));
    err.flush();
    return 1;
  }

  private static Optional<String> currentFingerprint(Path file) {
    try {
      return Optional.of(Fingerprints.ofCertificate(Pem.readCertificates(file).get(0),
          Fingerprint.Digest.SHA256).toString());
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  private static boolean holdsCertificates(Path file) {
    try {
      return Files.isRegularFile(file) && Files.readString(file).contains("-----BEGIN CERTIFICATE-----");
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }
}
