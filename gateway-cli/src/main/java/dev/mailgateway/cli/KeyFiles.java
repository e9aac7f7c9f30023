package dev.mailgateway.cli;

import dev.mailgateway.api.Fqdn;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.PolicyException;
import dev.mailgateway.api.Violation;
import dev.mailgateway.dkim.DkimKey;
import dev.mailgateway.tls.CertifiedKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The certificate and key files a policy names, read when they are on this machine: a garbage
 * or mismatched certificate and key, or a DKIM key that cannot sign, is refused at once with
 * the field it came from, not when the gateway first needs it. Files not here are left alone:
 * a policy may be rendered for another machine.
 */
final class KeyFiles {

  private KeyFiles() { }

  /**
   * Checks the files.
   *
   * @return warnings: a 1024-bit DKIM key, which signs as the image's did but is weak
   * @throws PolicyException with every file that cannot be used
   */
  static List<Violation> check(GatewayPolicy policy) {
    List<Violation> problems = new ArrayList<>();
    List<Violation> warnings = new ArrayList<>();
    policy.inboundTls().ifPresent(tls ->
        pair("tls.inbound", tls.certificate(), tls.key(), problems));
    policy.outboundTls().ifPresent(tls -> {
      if (tls.certificate().isPresent() && tls.key().isPresent()) {
        pair("tls.outbound", tls.certificate().get(), tls.key().get(), problems);
      }
    });
    policy.dkim().ifPresent(dkim -> {
      for (Fqdn domain : dkim.domains()) {
        Path file = dkim.privateKey(domain);
        if (!Files.exists(file)) {
          continue;
        }
        String path = "dkim.domains[" + domain.name() + "]";
        try {
          DkimKey key = DkimKey.read(file, true);
          if (key.bits() < 2048 && key.algorithm() == dev.mailgateway.api.DkimAlgorithm.RSA) {
            warnings.add(new Violation(path, file + " is a " + key.bits() + "-bit RSA key: it"
                + " signs, but is weak; replace it with a 2048-bit one"));
          }
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
          problems.add(new Violation(path, e.getMessage()));
        }
      }
    });
    if (!problems.isEmpty()) {
      throw new PolicyException(problems);
    }
    return warnings;
  }

  private static void pair(String path, Path certificate, Path key, List<Violation> problems) {
    if (!Files.exists(certificate) && !Files.exists(key)) {
      return;
    }
    try {
      CertifiedKey.read(certificate, key);
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      problems.add(new Violation(path + ".certificate", e.getMessage()));
    }
  }
}
