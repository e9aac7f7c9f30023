package dev.mailgateway.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;

/**
 * The image's {@code additional/transport}: imported, or refused with every violation by {@code
 * file:line}, never another exception; what is imported renders into files Postfix reads as
 * written. The seeds in {@code TransportMapFuzzTestInputs} run in every build; fuzzing is {@code
 * bench/fuzz.sh}.
 */
class TransportMapFuzzTest {

  private static final Path VOLUMES = FuzzFolders.create("transport-fuzz");

  @FuzzTest(maxDuration = "60s")
  void aTransportMapIsImportedOrRefusedByLine(byte[] file) {
    FuzzFolders.importMap(VOLUMES, "transport", file).ifPresent(RenderedFiles::check);
  }
}
