package dev.mailgateway.cli;

import dev.mailgateway.config.ContainerExport;
import dev.mailgateway.config.PolicyFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gateway env}: a policy file to the image's env file and volume files. */
@Command(name = "env", mixinStandardHelpOptions = true,
    description = "Write the Docker image's env file (gateway.env) and volume folders (tls/,"
        + " additional/) for a policy file.")
final class EnvCommand implements Callable<Integer> {

  @Option(names = "--policy", paramLabel = "FILE", required = true, description = "A policy file.")
  Path policyFile;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where to write.")
  Path out;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ContainerExport export = ContainerExport.of(PolicyFiles.read(policyFile));
    PolicySource.printWarnings(export.warnings(), spec.commandLine().getErr());
    WrittenFiles.print(export.writeTo(out), spec.commandLine().getOut());
    return 0;
  }
}
