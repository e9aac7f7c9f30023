package dev.mailgateway.dkim;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * A key record as the signer's DNS serves it, whoever the signer is: read, or refused with a
 * reason, never another exception. The seeds in {@code DkimRecordFuzzTestInputs} run in every
 * build; fuzzing is {@code bench/fuzz.sh}.
 */
class DkimRecordFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void keyRecordIsReadOrRefusedWithItsReason(byte[] record) {
    try {
      DkimRecord parsed = DkimRecord.parse(new String(record, StandardCharsets.ISO_8859_1));
      if (!parsed.isRevoked() && parsed.publicKey() == null) {
        throw new AssertionError("a record without a key was accepted");
      }
    } catch (IllegalArgumentException refused) {
      if (refused.getMessage() == null || refused.getMessage().isBlank()) {
        throw new AssertionError("a refusal without a reason", refused);
      }
    }
  }
}
