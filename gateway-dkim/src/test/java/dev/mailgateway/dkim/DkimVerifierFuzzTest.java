package dev.mailgateway.dkim;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * What any sender can put before us: a message with DKIM-Signature fields. The verifier may throw
 * nothing but the documented exception, judge no more signatures than asked, and put no byte
 * into the Authentication-Results field that is not printable ASCII or its folding. The seeds in
 * {@code DkimVerifierFuzzTestInputs} run in every build; fuzzing is {@code bench/fuzz.sh}.
 */
class DkimVerifierFuzzTest {

  private static final int MAXIMUM = 3;

  @FuzzTest(maxDuration = "60s")
  void verifierJudgesAnyMessageOrSaysItHasNoHeaderBlock(byte[] message) {
    List<DkimResult> results;
    try {
      results = new DkimVerifier(DkimRoundTripTest.KEYS)
          .verify(new ByteArrayInputStream(message), MAXIMUM);
    } catch (IllegalArgumentException noHeaderBlock) {
      return;
    }
    if (results.isEmpty() || results.size() > MAXIMUM) {
      throw new AssertionError(results.size() + " results, not 1 to " + MAXIMUM);
    }
    String field = DkimResult.authenticationResults("mx.example.net", results);
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      boolean folding = c == '\t' || c == '\r' && field.startsWith("\r\n\t", i) || c == '\n' && i > 0
          && field.charAt(i - 1) == '\r';
      if (!folding && (c < 0x20 || c > 0x7e)) {
        throw new AssertionError("byte " + (int) c + " at " + i + " of " + field);
      }
    }
  }
}
