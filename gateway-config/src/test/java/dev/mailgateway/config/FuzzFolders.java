package dev.mailgateway.config;

import dev.mailgateway.api.PolicyException;
import dev.mailgateway.api.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The image's two volume folders for fuzz targets, and what they demand of a refusal. */
final class FuzzFolders {

  private FuzzFolders() {}

  /** A folder with empty {@code tls/} and {@code additional/} volumes, gone when the JVM ends. */
  static Path create(String name) {
    try {
      Path root = Files.createTempDirectory(name);
      Files.createDirectories(root.resolve("tls"));
      Files.createDirectories(root.resolve("additional"));
      root.toFile().deleteOnExit();
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Imports the environment {@code MAIL_FQDN=mx.example.com} with one map file of the image in
   * {@code additional/}: the policy, or every violation checked and nothing.
   */
  static java.util.Optional<dev.mailgateway.api.GatewayPolicy> importMap(Path volumes, String map,
      byte[] content) {
    Path additional = volumes.resolve("additional");
    try {
      Files.write(additional.resolve(map), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return java.util.Optional.of(ContainerEnvironment.of(java.util.Map.of("MAIL_FQDN", "mx.example.com"))
          .withVolumes(volumes.resolve("tls"), additional).toPolicy().policy());
    } catch (PolicyException refused) {
      everyViolationNamed(refused);
      return java.util.Optional.empty();
    }
  }

  /**
   * Reads a policy file's bytes as UTF-8 text in a format: its violations checked when it is
   * refused, the rendered files checked when it is read.
   */
  static void readPolicy(byte[] file, PolicyFiles.Format format, String source) {
    dev.mailgateway.api.GatewayPolicy policy;
    try {
      policy = PolicyFiles.parse(new String(file, java.nio.charset.StandardCharsets.UTF_8), format, source);
    } catch (PolicyException refused) {
      everyViolationNamed(refused);
      return;
    }
    RenderedFiles.check(policy);
  }

  /** Every violation says where (a variable, field or file:line) and what. */
  static void everyViolationNamed(PolicyException refused) {
    if (refused.violations().isEmpty()) {
      throw new AssertionError("a refusal without violations", refused);
    }
    for (Violation violation : refused.violations()) {
      if (violation.path().isBlank() || violation.message().isBlank()) {
        throw new AssertionError("a violation without its place or reason: " + violation, refused);
      }
    }
  }
}
