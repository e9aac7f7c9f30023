package dev.mailgateway.cli;

import dev.mailgateway.runtime.control.GatewayControl;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code gateway reload}: {@code postfix reload} for the gateway of a spool. It reads its inputs
 * anew (the policy file, or the env file with its volumes, and the TLS and DKIM key files); new
 * sessions get the new policy, sessions in flight finish on the old one. Invalid inputs leave
 * the old policy running: exit 1 with every violation.
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
    description = "Have the running gateway of a spool read its inputs anew, as postfix reload;"
        + " exit 1 with every violation when they are invalid (the old policy keeps running).")
final class ReloadCommand implements Callable<Integer> {

  @Mixin
  SpoolOption spoolOption;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    try {
      List<String> notes = GatewayControl.reload(spoolOption.spool);
      notes.forEach(note -> spec.commandLine().getErr().println("gateway reload: warning: " + note));
      spec.commandLine().getOut().println("gateway reload: reloaded");
      spec.commandLine().getOut().flush();
      spec.commandLine().getErr().flush();
      return 0;
    } catch (IOException e) {
      spec.commandLine().getErr().println("gateway reload: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 1;
    }
  }
}
