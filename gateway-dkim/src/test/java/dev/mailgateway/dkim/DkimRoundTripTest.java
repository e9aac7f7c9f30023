package dev.mailgateway.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.DkimAlgorithm;
import dev.mailgateway.api.Fqdn;
import dev.mailgateway.dkim.DkimResult.Status;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Our signer and our verifier agree; and every tampering gets its proper failure. */
class DkimRoundTripTest {

  static final Fqdn DOMAIN = Fqdn.parse("example.com");
  static final DkimKey RSA = DkimKey.generate(DkimAlgorithm.RSA);
  static final DkimKey ED25519 = DkimKey.generate(DkimAlgorithm.ED25519);
  static final InMemoryKeyResolver KEYS = InMemoryKeyResolver.empty()
      .with("rsa", "example.com", DkimRecord.of(RSA, true, false))
      .with("ed", "example.com", DkimRecord.of(ED25519, true, false));

  static Stream<Arguments> messagesAndKeys() {
    return Stream.of(TestMessages.sevenBit(), TestMessages.eightBit(), TestMessages.longLines(),
            TestMessages.multipart(), TestMessages.noBody())
        .flatMap(m -> Stream.of(Arguments.of(m, "rsa", RSA), Arguments.of(m, "ed", ED25519)));
  }

  private static List<DkimResult> verify(byte[] message) {
    return new DkimVerifier(KEYS).verify(new ByteArrayInputStream(message));
  }

  private static byte[] sign(DkimSigner signer, byte[] message) {
    return TestMessages.signed(message, signer.sign(new ByteArrayInputStream(message)));
  }

  @ParameterizedTest
  @MethodSource("messagesAndKeys")
  void whatWeSignWeVerify(byte[] message, String selector, DkimKey key) {
    byte[] signed = sign(DkimSigner.of(DOMAIN, selector, key), message);

    assertThat(verify(signed)).extracting(DkimResult::status).containsExactly(Status.PASS);
  }

  @ParameterizedTest
  @MethodSource("messagesAndKeys")
  void simpleCanonicalizationVerifiesToo(byte[] message, String selector, DkimKey key) {
    byte[] signed = sign(DkimSigner.of(DOMAIN, selector, key)
        .canonicalization(Canonicalization.SIMPLE, Canonicalization.SIMPLE), message);

    assertThat(verify(signed)).extracting(DkimResult::status).containsExactly(Status.PASS);
  }

  @Test
  void aDualSignatureCarriesBothAlgorithms() {
    byte[] signed = sign(DkimSigner.of(DOMAIN, "rsa", RSA).and("ed", ED25519),
        TestMessages.sevenBit());

    assertThat(verify(signed)).extracting(DkimResult::algorithm)
        .containsExactly(java.util.Optional.of("rsa-sha256"), java.util.Optional.of("ed25519-sha256"));
    assertThat(verify(signed)).allMatch(DkimResult::passed);
  }

  @Test
  void fromIsOverSignedSoThatASecondFromBreaksTheSignature() {
    byte[] signed = sign(DkimSigner.of(DOMAIN, "rsa", RSA), TestMessages.sevenBit());
    String text = new String(signed, StandardCharsets.ISO_8859_1);

    assertThat(text).contains("h=from:from:to:subject:date:message-id");
    byte[] forged = ("From: Mallory <m@evil.example>\r\n" + text).getBytes(StandardCharsets.ISO_8859_1);
    assertThat(verify(forged)).extracting(DkimResult::status).containsExactly(Status.FAIL);
  }

  @Test
  void unixLineEndsAreSignedAsTheyWillTravel() {
    byte[] unix = new String(TestMessages.sevenBit(), StandardCharsets.UTF_8).replace("\r\n", "\n")
        .getBytes(StandardCharsets.UTF_8);
    List<String> fields = DkimSigner.of(DOMAIN, "rsa", RSA).sign(new ByteArrayInputStream(unix));

    assertThat(verify(TestMessages.signed(TestMessages.sevenBit(), fields)))
        .extracting(DkimResult::status).containsExactly(Status.PASS);
  }

  @Test
  void aTamperedBodyFailsOnTheBodyHash() {
    String signed = new String(sign(DkimSigner.of(DOMAIN, "rsa", RSA), TestMessages.sevenBit()),
        StandardCharsets.ISO_8859_1);

    assertThat(verify(signed.replace("figures", "fingers").getBytes(StandardCharsets.ISO_8859_1)))
        .singleElement().satisfies(r -> {
          assertThat(r.status()).isEqualTo(Status.FAIL);
          assertThat(r.reason()).isEqualTo("body hash did not verify");
        });
  }

  @Test
  void aTamperedSignedHeaderFailsOnTheSignature() {
    String signed = new String(sign(DkimSigner.of(DOMAIN, "ed", ED25519), TestMessages.sevenBit()),
        StandardCharsets.ISO_8859_1);

    assertThat(verify(signed.replace("Quarterly", "Yearly").getBytes(StandardCharsets.ISO_8859_1)))
        .singleElement().satisfies(r -> {
          assertThat(r.status()).isEqualTo(Status.FAIL);
          assertThat(r.reason()).isEqualTo("signature did not verify");
        });
  }

  @Test
  void relaxedCanonicalizationToleratesWhiteSpaceChangesInTransit() {
    String signed = new String(sign(DkimSigner.of(DOMAIN, "rsa", RSA), TestMessages.sevenBit()),
        StandardCharsets.ISO_8859_1);

    assertThat(verify(signed.replace("Subject: Quarterly  report", "subject:   Quarterly report ")
        .replace("attached.  \r\n", "attached.\r\n").getBytes(StandardCharsets.ISO_8859_1)))
        .extracting(DkimResult::status).containsExactly(Status.PASS);
  }

  @Test
  void theWrongKeyFailsTheSignature() {
    InMemoryKeyResolver wrong = InMemoryKeyResolver.empty()
        .with("rsa", "example.com", DkimRecord.of(DkimKey.generate(DkimAlgorithm.RSA), true, false));
    byte[] signed = sign(DkimSigner.of(DOMAIN, "rsa", RSA), TestMessages.sevenBit());

    assertThat(new DkimVerifier(wrong).verify(new ByteArrayInputStream(signed)))
        .singleElement().extracting(DkimResult::reason).isEqualTo("signature did not verify");
  }

  @Test
  void anExpiredSignatureFails() {
    Clock then = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    byte[] signed = sign(DkimSigner.of(DOMAIN, "rsa", RSA).withClock(then)
        .expiringAfter(Duration.ofDays(7)), TestMessages.sevenBit());

    assertThat(new DkimVerifier(KEYS, Clock.fixed(Instant.parse("2026-01-09T00:00:00Z"), ZoneOffset.UTC))
        .verify(new ByteArrayInputStream(signed))).singleElement().satisfies(r -> {
          assertThat(r.status()).isEqualTo(Status.FAIL);
          assertThat(r.reason()).isEqualTo("signature expired");
        });
    assertThat(new DkimVerifier(KEYS, Clock.fixed(Instant.parse("2026-01-07T00:00:00Z"), ZoneOffset.UTC))
        .verify(new ByteArrayInputStream(signed))).allMatch(DkimResult::passed);
  }

  @Test
  void aBodyLengthTagLongerThanTheBodyFails() {
    String message = "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=rsa; l=5000;"
        + " h=from; bh=AAAA; b=AAAA\r\n" + new String(TestMessages.sevenBit(), StandardCharsets.ISO_8859_1);

    assertThat(verify(message.getBytes(StandardCharsets.ISO_8859_1))).singleElement()
        .satisfies(r -> {
          assertThat(r.status()).isEqualTo(Status.FAIL);
          assertThat(r.reason()).startsWith("l=5000 is longer than the body");
        });
  }

  @Test
  void aMissingKeyFailsAsOpenDkimReportsIt() {
    byte[] signed = sign(DkimSigner.of(DOMAIN, "other", RSA), TestMessages.sevenBit());

    assertThat(verify(signed)).singleElement().satisfies(r -> {
      assertThat(r.status()).isEqualTo(Status.FAIL);
      assertThat(r.reason()).isEqualTo("no key for signature at other._domainkey.example.com");
    });
  }

  @Test
  void aHeaderFoldedOverAHundredThousandLinesIsSignedAndVerifiedWithoutHanging() {
    String folded = "X-Long: start" + "\r\n\tmore".repeat(100_000) + "\r\n";
    byte[] message = (folded + new String(TestMessages.sevenBit(), StandardCharsets.ISO_8859_1))
        .getBytes(StandardCharsets.ISO_8859_1);

    List<DkimResult> results = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(30),
        () -> verify(sign(DkimSigner.of(DOMAIN, "rsa", RSA), message)));

    assertThat(results).extracting(DkimResult::status).containsExactly(Status.PASS);
  }

  @Test
  void aSignatureNamingSixtyThousandHeadersIsJudgedWithoutHanging() {
    // A real signature whose h= is swapped for a huge one: the body hash still matches, so the
    // header data is built for every name before the signature fails.
    String signed = new String(sign(DkimSigner.of(DOMAIN, "rsa", RSA), TestMessages.sevenBit()),
        StandardCharsets.ISO_8859_1);
    String message = signed.replaceFirst("h=[^;]*;", "h=from" + ":x-filler".repeat(60_000) + ";");

    List<DkimResult> results = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(30),
        () -> verify(message.getBytes(StandardCharsets.ISO_8859_1)));

    assertThat(results).singleElement().satisfies(r -> {
      assertThat(r.status()).isEqualTo(Status.FAIL);
      assertThat(r.reason()).isEqualTo("signature did not verify");
    });
  }

  @Test
  void aTemporaryDnsFailureIsATemporaryError() {
    DkimKeyResolver failing = name -> {
      throw new DkimKeyResolver.KeyLookupException("SERVFAIL", true);
    };
    byte[] signed = sign(DkimSigner.of(DOMAIN, "rsa", RSA), TestMessages.sevenBit());

    assertThat(new DkimVerifier(failing).verify(new ByteArrayInputStream(signed)))
        .extracting(DkimResult::status).containsExactly(Status.TEMPERROR);
  }

  @Test
  void rsaSha1IsRefused() {
    String message = "DKIM-Signature: v=1; a=rsa-sha1; d=example.com; s=rsa; h=from; bh=AAAA; b=AAAA\r\n"
        + new String(TestMessages.sevenBit(), StandardCharsets.ISO_8859_1);

    assertThat(verify(message.getBytes(StandardCharsets.ISO_8859_1))).singleElement()
        .extracting(DkimResult::status).isEqualTo(Status.PERMERROR);
  }

  @Test
  void anUnsignedMessageHasNoneResult() {
    assertThat(verify(TestMessages.sevenBit())).extracting(DkimResult::status)
        .containsExactly(Status.NONE);
  }

  @Test
  void resultsRenderAsAuthenticationResults() {
    byte[] signed = sign(DkimSigner.of(DOMAIN, "rsa", RSA), TestMessages.sevenBit());
    List<DkimResult> results = verify(signed);

    assertThat(DkimResult.authenticationResults("mx.example.net", results))
        .startsWith("Authentication-Results: mx.example.net;\r\n\tdkim=pass header.d=example.com"
            + " header.s=rsa header.a=rsa-sha256 header.b=");
  }

  @Test
  void aLargeMessageIsSignedAsItStreams() {
    byte[] head = TestMessages.bytes(TestMessages.HEADERS + "\r\n");
    long size = 50L * 1024 * 1024;
    java.io.InputStream huge = new java.io.SequenceInputStream(new ByteArrayInputStream(head),
        new java.io.InputStream() {
          long left = size;

          @Override
          public int read() {
            return left-- > 0 ? (left % 78 == 0 ? '\n' : 'a') : -1;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (left <= 0) {
              return -1;
            }
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; i++) {
              b[off + i] = (byte) read();
            }
            return n;
          }
        });

    assertThat(DkimSigner.of(DOMAIN, "ed", ED25519).sign(huge)).hasSize(1);
  }
}
