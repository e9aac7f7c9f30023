package dev.mailgateway.config;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * A JSON policy file: read, or refused with every violation by field or line, never another
 * exception; what is read renders into files Postfix reads as written. The seeds in {@code
 * JsonPolicyFileFuzzTestInputs} run in every build; fuzzing is {@code bench/fuzz.sh}.
 */
class JsonPolicyFileFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void aJsonPolicyIsReadOrRefusedByField(byte[] file) {
    FuzzFolders.readPolicy(file, PolicyFiles.Format.JSON, "gateway.json");
  }
}
