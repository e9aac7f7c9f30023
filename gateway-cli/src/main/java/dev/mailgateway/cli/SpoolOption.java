package dev.mailgateway.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The spool folder of the gateway a command steers or looks into. */
final class SpoolOption {

  @Option(names = "--spool", paramLabel = "DIR", defaultValue = "spool",
      description = "The gateway's spool folder (default: ${DEFAULT-VALUE}).")
  Path spool;
}
