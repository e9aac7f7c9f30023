package dev.mailgateway.cli;

import dev.mailgateway.api.Violation;
import dev.mailgateway.config.ContainerEnvironment;
import dev.mailgateway.config.ContainerImport;
import dev.mailgateway.config.EnvFile;
import dev.mailgateway.config.PolicyFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where a command takes its policy from: a policy file, or the image's env file and volumes. */
final class PolicySource {

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  static final class Input {
    @Option(names = "--policy", paramLabel = "FILE", description = "A policy file, YAML or JSON (by extension).")
    Path policyFile;

    @Option(names = "--env-file", paramLabel = "FILE",
        description = "The image's environment, in the format of docker run --env-file.")
    Path envFile;
  }

  @Option(names = "--tls-dir", paramLabel = "DIR", defaultValue = "/etc/postfix/tls",
      description = "The image's tls volume on this host (default: ${DEFAULT-VALUE}).")
  Path tlsDirectory;

  @Option(names = "--additional-dir", paramLabel = "DIR", defaultValue = "/etc/postfix/additional",
      description = "The image's additional volume on this host (default: ${DEFAULT-VALUE}).")
  Path additionalDirectory;

  /** Reads the policy, printing warnings to {@code err}. */
  ContainerImport read(PrintWriter err) {
    ContainerImport imported;
    if (input.policyFile != null) {
      var policy = PolicyFiles.read(input.policyFile);
      imported = new ContainerImport(policy, policy.warnings());
    } else {
      imported = ContainerEnvironment.of(EnvFile.read(input.envFile, System.getenv()))
          .withVolumes(tlsDirectory, additionalDirectory)
          .toPolicy();
    }
    printWarnings(imported.warnings(), err);
    printWarnings(KeyFiles.check(imported.policy()), err);
    return imported;
  }

  /** What the policy is read from, for the log: the policy file, or the env file and its volumes. */
  String describe() {
    return input.policyFile != null ? input.policyFile.toString()
        : input.envFile + " with " + tlsDirectory + " and " + additionalDirectory;
  }

  static void printWarnings(List<Violation> warnings, PrintWriter err) {
    warnings.forEach(w -> err.println("warning: " + w));
    err.flush();
  }
}
