package dev.mailgateway.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Reports a command line that does not parse: every long option the command does not know
 * (picocli names only the first problem it meets, often a missing required option instead), the
 * problem, and where the usage is; exits 1, as invalid input does.
 */
final class UsageError implements CommandLine.IParameterExceptionHandler {

  @Override
  public int handleParseException(CommandLine.ParameterException failure, String[] args) {
    CommandLine command = failure.getCommandLine();
    PrintWriter err = command.getErr();
    List<String> unknown = unknownOptions(command.getCommandSpec(), args);
    if (!unknown.isEmpty() && !(failure instanceof CommandLine.UnmatchedArgumentException)) {
      err.println("error: unknown option" + (unknown.size() > 1 ? "s " : " ")
          + String.join(", ", unknown));
    }
    err.println("error: " + failure.getMessage());
    err.println("See '" + command.getCommandSpec().qualifiedName() + " --help'.");
    err.flush();
    return FailureReport.INVALID_INPUT;
  }

  /** The long options among the arguments that neither the command nor its parents know. */
  private static List<String> unknownOptions(CommandLine.Model.CommandSpec spec, String[] args) {
    List<String> unknown = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--")) {
        break;
      }
      if (!arg.startsWith("--")) {
        continue;
      }
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      boolean known = false;
      for (CommandLine.Model.CommandSpec level = spec; level != null && !known; level = level.parent()) {
        known = level.findOption(name) != null;
      }
      if (!known) {
        unknown.add(name);
      }
    }
    return unknown;
  }
}
