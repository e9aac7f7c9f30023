package dev.mailgateway.runtime.cleanup;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mailgateway.dkim.InMemoryKeyResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;

/**
 * The header block of any message a client sends, as cleanup reads it (for header checks, the
 * Message-ID in the log, the From domain that picks a DKIM key, and forged
 * Authentication-Results): read within its bound, never an exception, and nothing it returns
 * spans two lines where one is meant. The seeds in {@code MessageHeadersFuzzTestInputs} run in
 * every build; fuzzing is {@code bench/fuzz.sh}.
 */
class MessageHeadersFuzzTest {

  private static final AuthenticationResults RESULTS = new AuthenticationResults(
      "mx.example.test", InMemoryKeyResolver.empty(), Duration.ofSeconds(1), 3);

  @FuzzTest(maxDuration = "60s")
  void aHeaderBlockIsReadWithinItsBound(byte[] message) throws IOException {
    MessageHeaders headers = MessageHeaders.read(new ByteArrayInputStream(message));
    if (headers.length() > MessageHeaders.LIMIT || headers.length() > message.length) {
      throw new AssertionError("a header block of " + headers.length() + " bytes");
    }
    for (String line : headers.lines()) {
      RESULTS.claimsToBeOurs(line);
    }
    headers.fromDomain().ifPresent(domain -> {
      if (domain.indexOf('\n') >= 0) {
        throw new AssertionError("a From domain across lines: " + domain);
      }
    });
    headers.messageId().ifPresent(id -> {
      if (id.indexOf('\n') >= 0) {
        throw new AssertionError("a Message-ID across lines: " + id);
      }
    });
  }
}
