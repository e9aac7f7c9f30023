package dev.mailgateway.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gateway} command: its subcommands do the work. */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    version = "Mail Gateway Toolkit 0.1.0-SNAPSHOT",
    description = "Describe a mail gateway once; render it for Postfix, Amavis and OpenDKIM.",
    subcommands = {
        DemoCommand.class, RenderCommand.class, PolicyCommand.class, EnvCommand.class,
        TlsCommand.class, DkimCommand.class, RunCommand.class, QueueCommand.class,
        CheckCommand.class, ReloadCommand.class,
        CommandLine.HelpCommand.class})
public final class GatewayCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given output streams and returns its exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new GatewayCommand());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(new FailureReport());
    commandLine.setParameterExceptionHandler(new UsageError());
    return commandLine.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
