package dev.mailgateway.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.dkim.DkimResult.Status;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a sender writes into a signature is checked before any use and never echoed raw. */
class HostileSignatureTest {

  private final List<String> lookedUp = new ArrayList<>();
  private final DkimKeyResolver recording = name -> {
    lookedUp.add(name);
    return DkimRoundTripTest.KEYS.lookup(name);
  };

  private List<DkimResult> verify(String signatureFields, int maximum) {
    String message = signatureFields + new String(TestMessages.sevenBit(), StandardCharsets.ISO_8859_1);
    return new DkimVerifier(recording).verify(
        new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)), maximum);
  }

  private static String signature(String domain, String selector) {
    return "DKIM-Signature: v=1; a=rsa-sha256; d=" + domain + "; s=" + selector
        + "; h=from; bh=AAAA; b=AAAA\r\n";
  }

  @Test
  void aNulInTheDomainIsAPermerrorWithoutALookupOrAnEcho() {
    List<DkimResult> results = verify(signature("exa\0mple.com", "rsa"), 3);

    assertThat(results).singleElement().satisfies(r -> {
      assertThat(r.status()).isEqualTo(Status.PERMERROR);
      assertThat(r.reason()).isEqualTo("d= is not a domain name");
      assertThat(r.domain()).isEmpty();
    });
    assertThat(lookedUp).isEmpty();
    assertThat(DkimResult.authenticationResults("mx.example.net", results)).doesNotContain("\0");
  }

  @Test
  void aPathAsSelectorIsAPermerrorWithoutALookupOrAnEcho() {
    List<DkimResult> results = verify(signature("..", "../../etc/passwd"), 3);

    assertThat(results).singleElement().satisfies(r -> {
      assertThat(r.status()).isEqualTo(Status.PERMERROR);
      assertThat(r.selector()).isEmpty();
      assertThat(r.domain()).isEmpty();
    });
    assertThat(lookedUp).isEmpty();
    assertThat(DkimResult.authenticationResults("mx.example.net", results)).doesNotContain("passwd");
  }

  @Test
  void onlyTheFirstSignaturesUpToTheLimitAreVerified() {
    String thousand = signature("example.com", "rsa").repeat(1_000);

    List<DkimResult> results = verify(thousand, 3);

    assertThat(results).hasSize(3);
    assertThat(lookedUp).hasSize(3);
  }

  @Test
  void aReasonQuotingControlBytesIsPrintableAndBounded() {
    DkimResult result = new DkimResult(Status.PERMERROR, "a=\u001b[31mred\r\n\u00e9" + "x".repeat(500),
        java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
        java.util.Optional.empty(), false);

    assertThat(result.reason()).startsWith("a=?[31mred???").hasSize(203).endsWith("...");
  }

  @Test
  void anAlgorithmThatIsNoTokenIsNotEchoedIntoTheField() {
    List<DkimResult> results = verify("DKIM-Signature: v=1; a=rsa-sha256 (x); d=example.com; s=rsa;"
        + " h=from; bh=AAAA; b=AAAA\r\n", 3);

    assertThat(results).singleElement().satisfies(r -> assertThat(r.algorithm()).isEmpty());
    assertThat(DkimResult.authenticationResults("mx.example.net", results))
        .contains("[x]").doesNotContain("(x)");
  }
}
