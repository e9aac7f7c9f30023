package dev.mailgateway.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mailgateway.api.PolicyException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * An env file as an operator writes it for the image: imported, or refused with every violation
 * by variable or line, never another exception; what is imported renders into files Postfix
 * reads as written. The seeds in {@code EnvFileFuzzTestInputs} (the image's scenarios) run in
 * every build; fuzzing is {@code bench/fuzz.sh}.
 */
class EnvFileFuzzTest {

  private static final Path VOLUMES = FuzzFolders.create("env-fuzz");

  @FuzzTest(maxDuration = "60s")
  void anEnvironmentIsImportedOrRefusedByVariable(byte[] file) {
    ContainerImport imported;
    try {
      Map<String, String> env = EnvFile.parse("gateway.env",
          EnvFile.lines(new String(file, StandardCharsets.UTF_8)), Map.of());
      imported = ContainerEnvironment.of(env)
          .withVolumes(VOLUMES.resolve("tls"), VOLUMES.resolve("additional")).toPolicy();
    } catch (PolicyException refused) {
      FuzzFolders.everyViolationNamed(refused);
      return;
    }
    RenderedFiles.check(imported.policy());
  }
}
