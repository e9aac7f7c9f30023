package dev.mailgateway.tls;

import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The image's health check, as a call that returns every problem: a TLS file changed on disk
 * since the start (a running daemon still uses the old one until restarted), a certificate that
 * has expired or expires within the margin, a file that is gone or broken. Unlike the image,
 * every configured certificate is checked (inbound, outbound, CA), not only {@code bundle.crt}.
 */
public final class TlsHealthCheck {

  /** The image's margin: unhealthy when a certificate has 3 days or less. */
  public static final Duration DEFAULT_MARGIN = Duration.ofDays(3);

  private final Map<Path, Optional<byte[]>> atStart;

  private TlsHealthCheck(Map<Path, Optional<byte[]>> atStart) {
    this.atStart = atStart;
  }

  /** Remembers the files as they are now; a later check compares with this. */
  public static TlsHealthCheck startingNow(List<Path> files) {
    Map<Path, Optional<byte[]>> snapshot = new LinkedHashMap<>();
    files.forEach(file -> snapshot.put(file, digest(file)));
    return new TlsHealthCheck(snapshot);
  }

  /** Remembers every TLS file a policy names: certificates, keys and the client CA. */
  public static TlsHealthCheck startingNow(GatewayPolicy policy) {
    List<Path> files = new ArrayList<>();
    policy.inboundTls().ifPresent(tls -> {
      files.add(tls.certificate());
      files.add(tls.key());
      tls.clientCa().ifPresent(files::add);
    });
    policy.outboundTls().ifPresent(tls -> {
      tls.certificate().ifPresent(files::add);
      tls.key().ifPresent(files::add);
    });
    return startingNow(files);
  }

  /** Remembers every regular file of a folder (the image watches its whole tls folder). */
  public static TlsHealthCheck startingNowInFolder(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return startingNow(files.filter(Files::isRegularFile).sorted().toList());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list " + folder + ": " + e.getMessage(), e);
    }
  }

  /** Every problem now, each naming its file; empty when healthy. */
  public List<Violation> check(Duration margin, Clock clock) {
    List<Violation> problems = new ArrayList<>();
    atStart.forEach((file, before) -> {
      Optional<byte[]> now = digest(file);
      if (now.isEmpty()) {
        problems.add(new Violation(file.toString(), "missing or unreadable"));
        return;
      }
      if (before.isPresent() && !Arrays.equals(before.get(), now.get())) {
        problems.add(new Violation(file.toString(),
            "changed on disk since the start: restart to load it"));
      }
      certificates(file).forEach(certificate -> expiry(file, certificate, margin, clock, problems));
    });
    return problems;
  }

  /** The largest certificate file read: a bundle is a few kilobytes; a bigger file is not one. */
  static final long LARGEST_CERTIFICATE_FILE = 1024 * 1024;

  /**
   * Checks files that must each hold PEM certificates: every one of them parses, and each is
   * valid for the margin. A file that holds no certificate (empty, truncated, DER, a private key,
   * text that is not PEM) or one that does not parse is a problem too: a health check that
   * passes an unusable certificate is worse than none.
   */
  public static List<Violation> checkCertificateFiles(List<Path> files, Duration margin, Clock clock) {
    List<Violation> problems = new ArrayList<>();
    for (Path file : files) {
      String text;
      try {
        if (Files.size(file) > LARGEST_CERTIFICATE_FILE) {
          problems.add(new Violation(file.toString(), "is larger than 1 MB: not a certificate file"));
          continue;
        }
        text = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
      } catch (IOException e) {
        problems.add(new Violation(file.toString(), "missing or unreadable"));
        continue;
      }
      if (!text.contains("-----BEGIN CERTIFICATE-----")) {
        problems.add(new Violation(file.toString(), "holds no PEM certificate (-----BEGIN"
            + " CERTIFICATE-----)" + (text.contains("PRIVATE KEY-----") ? ": it is a private key" : "")));
        continue;
      }
      List<X509Certificate> certificates;
      try {
        certificates = Pem.parseCertificates(text, file.toString());
      } catch (IllegalArgumentException e) {
        problems.add(new Violation(file.toString(), "a certificate does not parse: " + e.getMessage()));
        continue;
      }
      long begun = text.split("-----BEGIN CERTIFICATE-----", -1).length - 1;
      if (certificates.size() < begun) {
        problems.add(new Violation(file.toString(), begun + " certificates begin, but only "
            + certificates.size() + " parse"));
        continue;
      }
      certificates.forEach(certificate -> expiry(file, certificate, margin, clock, problems));
    }
    return problems;
  }

  /** Checks the certificates of files once, with no start to compare with. */
  public static List<Violation> checkExpiry(List<Path> files, Duration margin, Clock clock) {
    return startingNow(files).check(margin, clock);
  }

  private static void expiry(Path file, X509Certificate certificate, Duration margin, Clock clock,
      List<Violation> problems) {
    String subject = certificate.getSubjectX500Principal().getName();
    Duration left = CertificateExpiry.remaining(certificate, clock);
    if (left.isNegative() || left.isZero()) {
      problems.add(new Violation(file.toString(),
          subject + " expired on " + CertificateExpiry.end(certificate)));
    } else if (!CertificateExpiry.isValidFor(certificate, margin, clock)) {
      problems.add(new Violation(file.toString(), subject + " expires on "
          + CertificateExpiry.end(certificate) + ", within " + margin.toDays() + " days"));
    }
  }

  private static List<X509Certificate> certificates(Path file) {
    try {
      String text = Files.readString(file);
      if (!text.contains("-----BEGIN CERTIFICATE-----")) {
        return List.of();
      }
      return Pem.parseCertificates(text, file.toString());
    } catch (IOException | IllegalArgumentException e) {
      return List.of();
    }
  }

  private static Optional<byte[]> digest(Path file) {
    try {
      return Optional.of(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      return Optional.empty();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
