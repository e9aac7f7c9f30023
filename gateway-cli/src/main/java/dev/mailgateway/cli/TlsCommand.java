package dev.mailgateway.cli;

import dev.mailgateway.api.Fingerprint;
import dev.mailgateway.api.Fqdn;
import dev.mailgateway.api.Violation;
import dev.mailgateway.tls.CertificateAuthority;
import dev.mailgateway.tls.CertifiedKey;
import dev.mailgateway.tls.Fingerprints;
import dev.mailgateway.tls.KeyType;
import dev.mailgateway.tls.Pem;
import dev.mailgateway.tls.TlsHealthCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gateway tls}: the image README's openssl recipes as commands, with its file names. */
@Command(name = "tls", mixinStandardHelpOptions = true,
    description = "Certificates for the gateway: a small CA, server and client certificates,"
        + " CSR signing, fingerprints and expiry checks.",
    subcommands = {TlsCommand.Ca.class, TlsCommand.ServerCert.class, TlsCommand.ClientCert.class,
        TlsCommand.SignCsr.class, TlsCommand.FingerprintOf.class, TlsCommand.Check.class})
final class TlsCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The options every issuing command shares, mixed into each. */
  static final class KeyOptions {
    @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "rsa2048",
        description = "rsa2048 (default), rsa3072, rsa4096 or ec256.")
    String keyType;

    @Option(names = "--days", paramLabel = "N", description = "Validity in days.")
    Integer days;

    KeyType type() {
      return KeyType.parse(keyType);
    }

    Duration validity(Duration otherwise) {
      if (days != null && days < 1) {
        throw new IllegalArgumentException("--days must be at least 1, not " + days);
      }
      return days == null ? otherwise : Duration.ofDays(days);
    }
  }

  @Command(name = "ca", mixinStandardHelpOptions = true,
      description = "Create a root CA: writes ca.crt and ca.key (owner-only) into DIR.")
  static final class Ca implements Callable<Integer> {
    @Option(names = "--cn", required = true, paramLabel = "NAME", description = "The CA's name.")
    String commonName;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write.")
    Path out;

    @CommandLine.Mixin
    KeyOptions keys;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      refuseOverwrite(out.resolve(CertificateAuthority.CERTIFICATE_FILE),
          out.resolve(CertificateAuthority.KEY_FILE));
      CertificateAuthority ca = CertificateAuthority.create(commonName, keys.type(),
          keys.validity(CertificateAuthority.DEFAULT_CA_VALIDITY), Clock.systemUTC());
      ca.writeTo(out);
      WrittenFiles.print(List.of(out.resolve(CertificateAuthority.CERTIFICATE_FILE),
          out.resolve(CertificateAuthority.KEY_FILE)), spec.commandLine().getOut());
      return 0;
    }
  }

  @Command(name = "server-cert", mixinStandardHelpOptions = true,
      description = "Make a server certificate for a host: writes bundle.crt (with the CA's"
          + " certificate when --ca is given, else self-signed) and cert.key into DIR.")
  static final class ServerCert implements Callable<Integer> {
    @Option(names = "--fqdn", required = true, paramLabel = "HOST", description = "The host name.")
    String host;

    @Option(names = "--ca", paramLabel = "DIR", description = "The CA folder; self-signed without it.")
    Path ca;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write.")
    Path out;

    @CommandLine.Mixin
    KeyOptions keys;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Fqdn fqdn = Fqdn.parse(host);
      Duration validity = keys.validity(CertificateAuthority.DEFAULT_VALIDITY);
      CertifiedKey key = ca == null
          ? CertifiedKey.selfSigned(fqdn, keys.type(), validity)
          : CertificateAuthority.load(ca).issueServer(fqdn, keys.type(), validity);
      return write(key, out.resolve("bundle.crt"), out.resolve("cert.key"), spec.commandLine().getOut());
    }
  }

  @Command(name = "client-cert", mixinStandardHelpOptions = true,
      description = "Issue a client certificate for a trusted node: writes client.crt and"
          + " client.key into DIR and prints its relay_clientcerts line.")
  static final class ClientCert implements Callable<Integer> {
    @Option(names = "--cn", required = true, paramLabel = "NODE", description = "The node's name.")
    String commonName;

    @Option(names = "--ca", required = true, paramLabel = "DIR", description = "The CA folder.")
    Path ca;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write.")
    Path out;

    @CommandLine.Mixin
    KeyOptions keys;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      CertifiedKey key = CertificateAuthority.load(ca).issueClient(commonName, keys.type(),
          keys.validity(CertificateAuthority.DEFAULT_VALIDITY));
      PrintWriter stdout = spec.commandLine().getOut();
      write(key, out.resolve("client.crt"), out.resolve("client.key"), stdout);
      stdout.println("relay_clientcerts: " + Fingerprints.relayEntry(key.certificate(),
          Fingerprint.Digest.SHA256, commonName.replaceAll("\\s+", "_")));
      stdout.flush();
      return 0;
    }
  }

  @Command(name = "sign-csr", mixinStandardHelpOptions = true,
      description = "Sign a certificate request made elsewhere (openssl req -new ...) with the CA.")
  static final class SignCsr implements Callable<Integer> {
    @Option(names = "--csr", required = true, paramLabel = "FILE", description = "The request, PEM.")
    Path csr;

    @Option(names = "--ca", required = true, paramLabel = "DIR", description = "The CA folder.")
    Path ca;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The certificate to write.")
    Path out;

    @Option(names = "--days", paramLabel = "N", defaultValue = "365", description = "Validity in days (default 365).")
    int days;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      refuseOverwrite(out);
      X509Certificate signed;
      try {
        signed = CertificateAuthority.load(ca).sign(Pem.readCsr(csr), Duration.ofDays(days));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(csr + ": " + e.getMessage(), e);
      }
      Pem.writeCertificates(out, List.of(signed));
      WrittenFiles.print(List.of(out), spec.commandLine().getOut());
      return 0;
    }
  }

  @Command(name = "fingerprint", mixinStandardHelpOptions = true,
      description = "Print a certificate's fingerprint as relay_clientcerts wants it (AA:BB:...).")
  static final class FingerprintOf implements Callable<Integer> {
    @Option(names = "--sha1", description = "SHA-1 (Postfix before 3.6).")
    boolean sha1;

    @Option(names = "--sha256", description = "SHA-256, the default (Postfix 3.6 and later).")
    boolean sha256;

    @Option(names = "--pubkey", description = "The public key's fingerprint, which survives renewal.")
    boolean publicKey;

    @Parameters(paramLabel = "FILE", description = "A PEM certificate.")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (sha1 && sha256) {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose --sha1 or --sha256");
      }
      Fingerprint.Digest digest = sha1 ? Fingerprint.Digest.SHA1 : Fingerprint.Digest.SHA256;
      X509Certificate certificate = Pem.readCertificate(file);
      spec.commandLine().getOut().println(publicKey
          ? Fingerprints.ofPublicKey(certificate, digest) : Fingerprints.ofCertificate(certificate, digest));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Check that certificates stay valid for some days more; exits 0 when healthy,"
          + " 1 with every problem otherwise.")
  static final class Check implements Callable<Integer> {
    @Option(names = "--days", paramLabel = "N", defaultValue = "3",
        description = "The margin in days (default ${DEFAULT-VALUE}, the image's).")
    int days;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*",
        description = "Certificate files, or folders whose certificate files are checked.")
    List<Path> targets;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (days < 0) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--days is a number of days, 0 or more, not " + days);
      }
      List<Path> files = new ArrayList<>();
      List<Violation> problems = new ArrayList<>();
      for (Path target : targets) {
        if (Files.isDirectory(target)) {
          List<Path> found = new ArrayList<>();
          try (Stream<Path> listing = Files.list(target)) {
            listing.filter(Check::holdsCertificates).sorted().forEach(found::add);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + target, e);
          }
          if (found.isEmpty()) {
            problems.add(new Violation(target.toString(), "holds no certificate file (*.crt, *.pem)"));
          }
          files.addAll(found);
          keyOf(target).ifPresent(problems::add);
        } else {
          files.add(target);
        }
      }
      problems.addAll(TlsHealthCheck.checkCertificateFiles(files, Duration.ofDays(days),
          Clock.systemUTC()));
      PrintWriter stdout = spec.commandLine().getOut();
      if (problems.isEmpty()) {
        stdout.println("healthy: " + files.size() + " certificate files valid for " + days
            + " more days");
        stdout.flush();
        return 0;
      }
      PrintWriter err = spec.commandLine().getErr();
      problems.forEach(problem -> err.println("unhealthy: " + problem));
      err.flush();
      return 1;
    }

    /**
     * The image's folder holds {@code bundle.crt} and {@code cert.key}: when both are there, the
     * key must be the certificate's.
     */
    private static java.util.Optional<Violation> keyOf(Path folder) {
      Path bundle = folder.resolve("bundle.crt");
      Path key = folder.resolve("cert.key");
      if (!Files.isRegularFile(bundle) || !Files.isRegularFile(key)) {
        return java.util.Optional.empty();
      }
      try {
        CertifiedKey.read(bundle, key);
        return java.util.Optional.empty();
      } catch (RuntimeException e) {
        return java.util.Optional.of(new Violation(key.toString(), e.getMessage()));
      }
    }

    /** A file of a folder that is meant to hold certificates: by its name, or by its text. */
    private static boolean holdsCertificates(Path file) {
      String name = file.getFileName().toString();
      if (!Files.isRegularFile(file)) {
        return false;
      }
      if (name.endsWith(".crt") || name.endsWith(".pem") || name.endsWith(".cer")) {
        return true;
      }
      try {
        return Files.size(file) <= 1024 * 1024
            && Files.readString(file).contains("-----BEGIN CERTIFICATE-----");
      } catch (IOException binaryOrUnreadable) {
        return false;
      }
    }
  }

  private static Integer write(CertifiedKey key, Path certificate, Path privateKey, PrintWriter out) {
    refuseOverwrite(certificate, privateKey);
    key.writeTo(certificate, privateKey);
    WrittenFiles.print(List.of(certificate, privateKey), out);
    return 0;
  }

  /** Keys are never replaced by accident: an existing file stops the command before it writes. */
  private static void refuseOverwrite(Path... files) {
    for (Path file : files) {
      if (Files.exists(file)) {
        throw new IllegalArgumentException(file + " exists already; move it away first");
      }
    }
  }
}
