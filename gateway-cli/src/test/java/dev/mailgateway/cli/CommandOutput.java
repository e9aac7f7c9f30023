package dev.mailgateway.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * What one run of the command line did.
 *
 * @param exitCode the exit code
 * @param out standard output
 * @param err standard error
 */
record CommandOutput(int exitCode, String out, String err) {

  static CommandOutput of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = GatewayCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CommandOutput(code, out.toString(), err.toString());
  }
}
