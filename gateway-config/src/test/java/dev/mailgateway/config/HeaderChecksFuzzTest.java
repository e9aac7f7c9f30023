package dev.mailgateway.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;

/**
 * The image's {@code additional/header_checks}: imported, or refused with every violation by {@code
 * file:line}, never another exception; what is imported renders into files Postfix reads as
 * written. The seeds in {@code HeaderChecksFuzzTestInputs} run in every build; fuzzing is {@code
 * bench/fuzz.sh}.
 */
class HeaderChecksFuzzTest {

  private static final Path VOLUMES = FuzzFolders.create("header_checks-fuzz");

  @FuzzTest(maxDuration = "60s")
  void headerChecksAreImportedOrRefusedByLine(byte[] file) {
    FuzzFolders.importMap(VOLUMES, "header_checks", file).ifPresent(RenderedFiles::check);
  }
}
