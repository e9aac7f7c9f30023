package dev.mailgateway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Prints the files a command wrote, one per line. */
final class WrittenFiles {

  private WrittenFiles() {}

  static void print(List<Path> written, PrintWriter out) {
    out.println("wrote " + written.size() + " files:");
    written.forEach(path -> out.println("  " + path));
    out.flush();
  }
}
