package dev.mailgateway.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.PolicyException;
import java.nio.charset.StandardCharsets;

/**
 * A JSON policy file: read, or refused with every violation by field or line, never another
 * exception; what is read renders into files Postfix reads as written. The seeds in {@code
 * JsonPolicyFileFuzzTestInputs} run in every build; fuzzing is {@code bench/fuzz.sh}.
 */
class JsonPolicyFileFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void aJsonPolicyIsReadOrRefusedByField(byte[] file) {
    GatewayPolicy policy;
    try {
      policy = PolicyFiles.parse(new String(file, StandardCharsets.UTF_8), PolicyFiles.Format.JSON,
          "gateway.json");
    } catch (PolicyException refused) {
      FuzzFolders.everyViolationNamed(refused);
      return;
    }
    RenderedFiles.check(policy);
  }
}
