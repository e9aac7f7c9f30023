package dev.mailgateway.config;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * A YAML policy file: read, or refused with every violation by field or line, never another
 * exception; what is read renders into files Postfix reads as written. The seeds in {@code
 * PolicyFileFuzzTestInputs} run in every build; fuzzing is {@code bench/fuzz.sh}.
 */
class PolicyFileFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void aYamlPolicyIsReadOrRefusedByField(byte[] file) {
    FuzzFolders.readPolicy(file, PolicyFiles.Format.YAML, "gateway.yaml");
  }
}
