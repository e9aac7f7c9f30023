package dev.mailgateway.runtime.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tests' extra Amavis configuration: clamd at a given socket as the only virus scanner, no
 * network tests (there is no network), and no notices to postmaster.
 */
final class AmavisScanners {

  private AmavisScanners() {}

  /** Writes the file into the folder and returns it. */
  static Path clamdAt(Path folder, Path socket) throws IOException {
    return Files.writeString(folder.resolve("99-test-scanners"), "use strict;\n"
        + "@av_scanners = (['ClamAV-clamd', \\&ask_daemon, [\"CONTSCAN {}\\n\", \"" + socket
        + "\"], qr/\\bOK$/m, qr/\\bFOUND$/m, qr/^.*?: (?!Infected Archive)(.*) FOUND$/m ]);\n"
        + "@av_scanners_backup = ();\n$sa_local_tests_only = 1;\n"
        + "$virus_admin = undef;\n$spam_admin = undef;\n1;\n");
  }
}
