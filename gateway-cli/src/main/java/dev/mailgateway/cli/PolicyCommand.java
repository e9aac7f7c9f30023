package dev.mailgateway.cli;

import dev.mailgateway.config.PolicyFiles;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gateway policy}: prints the policy an env file (or policy file) describes. */
@Command(name = "policy", mixinStandardHelpOptions = true,
    description = "Print the policy that an env file and volumes (or a policy file) describe.")
final class PolicyCommand implements Callable<Integer> {

  @Mixin
  PolicySource source;

  @Option(names = "--json", description = "Print JSON instead of YAML.")
  boolean json;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var policy = source.read(spec.commandLine().getErr()).policy();
    spec.commandLine().getOut().print(
        PolicyFiles.write(policy, json ? PolicyFiles.Format.JSON : PolicyFiles.Format.YAML));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
