package dev.mailgateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueTypesTest {

  @Test
  void fqdnIsLowerCasedAndLosesItsTrailingDot() {
    assertThat(Fqdn.parse("Mail.Example.COM.").name()).isEqualTo("mail.example.com");
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "ex ample.com", "-mx.example.com", "mx-.example.com",
      "mx..example.com", "mx_1.example.com", "10.0.0.1", "", "mx.example.123"})
  void fqdnRejectsWhatRfc1123Forbids(String name) {
    assertThatThrownBy(() -> Fqdn.parse(name)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fqdnRejectsALabelLongerThan63Characters() {
    assertThatThrownBy(() -> Fqdn.parse("a".repeat(64) + ".example.com"))
        .hasMessageContaining("63 characters");
  }

  @ParameterizedTest
  @CsvSource({
      "[smtp.example.net]:587, smtp.example.net, false, 587",
      "[smtp.example.net], smtp.example.net, false, 25",
      "smtp.example.net:2525, smtp.example.net, true, 2525",
      "example.net, example.net, true, 25",
      "[10.0.0.5]:25, 10.0.0.5, false, 25",
      "[ipv6:2001:db8::1]:25, ipv6:2001:db8::1, false, 25"
  })
  void nextHopUnderstandsPostfixRelayhostForms(String text, String host, boolean mx, int port) {
    NextHop hop = NextHop.parse(text);

    assertThat(hop.host()).isEqualTo(host);
    assertThat(hop.mxLookup()).isEqualTo(mx);
    assertThat(hop.portOrDefault()).isEqualTo(port);
    assertThat(NextHop.parse(hop.toString())).isEqualTo(hop);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[smtp.example.net", "smtp.example.net:0", "smtp.example.net:70000",
      "[smtp.example.net]:smtp", "[2001:db8::1]:25", "smtp example.net", ""})
  void nextHopRejectsMalformedForms(String text) {
    assertThatThrownBy(() -> NextHop.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDomainHoldsItselfAndItsSubdomainsButNotALookAlike() {
    Fqdn domain = Fqdn.parse("example.com");

    assertThat(domain.holds("example.com")).isTrue();
    assertThat(domain.holds("news.example.com")).isTrue();
    assertThat(domain.holds("badexample.com")).isFalse();
    assertThat(domain.holds("com")).isFalse();
    assertThat(Fqdn.parse("a.example.com").isWithin(domain)).isTrue();
    assertThat(domain.isWithin(Fqdn.parse("a.example.com"))).isFalse();
  }

  @Test
  void fingerprintTellsItsDigestByLength() {
    String sha1 = "AA:BB:CC:DD:EE:FF:12:34:56:67:2E:FB:3F:34:99:90:AB:CD:EF:4C";
    String sha256 = "aa" + ":bb".repeat(31);

    assertThat(Fingerprint.parse(sha1).digest()).isEqualTo(Fingerprint.Digest.SHA1);
    assertThat(Fingerprint.parse(sha256).digest()).isEqualTo(Fingerprint.Digest.SHA256);
  }

  @Test
  void fingerprintIsNormalisedToUpperCaseWithColons() {
    assertThat(Fingerprint.parse("aabbccddeeff1234566 72efb3f349990abcdef4c".replace(" ", "")))
        .hasToString("AA:BB:CC:DD:EE:FF:12:34:56:67:2E:FB:3F:34:99:90:AB:CD:EF:4C");
  }

  @ParameterizedTest
  @ValueSource(strings = {"AA:BB", "AA:BB:CC:DD:EE:FF:12:34:56:67:2E:FB:3F:34:99:90:AB:CD:EF:4G",
      "AAB:BCC:DD:EE:FF:12:34:56:67:2E:FB:3F:34:99:90:AB:CD:EF:4C:00"})
  void fingerprintRejectsWrongLengthsAndCharacters(String text) {
    assertThatThrownBy(() -> Fingerprint.parse(text))
        .hasMessageContaining("is not a SHA-1 or SHA-256 fingerprint");
  }

  @Test
  void fingerprintRefusesDigitsOutsideAsciiSayingWhy() {
    // Fullwidth digits: Character.digit takes them as hex digits, Postfix does not.
    String fullwidth = "\uFF11".repeat(40);

    assertThatThrownBy(() -> Fingerprint.parse(fullwidth))
        .hasMessageContaining("only hex digits and colons are allowed");
  }

  @ParameterizedTest
  @CsvSource({"5d, 5d, PT120H", "12h, 12h, PT12H", "3, 3d, PT72H", "90s, 90s, PT1M30S",
      "2w, 2w, PT336H"})
  void postfixDurationReadsUnitsAndBareDays(String text, String written, Duration duration) {
    PostfixDuration parsed = PostfixDuration.parseDays(text);

    assertThat(parsed).hasToString(written);
    assertThat(parsed.toDuration()).isEqualTo(duration);
  }

  @ParameterizedTest
  @ValueSource(strings = {"5 days", "-1d", "1.5d", "5y", ""})
  void postfixDurationRejectsOtherSyntax(String text) {
    assertThatThrownBy(() -> PostfixDuration.parseDays(text))
        .hasMessageContaining("is not a Postfix time value");
  }

  @Test
  void securityLevelsKnowWhichApplyInbound() {
    assertThat(SecurityLevel.parse("encrypt").appliesToInbound()).isTrue();
    assertThat(SecurityLevel.parse("dane-only").appliesToInbound()).isFalse();
    assertThatThrownBy(() -> SecurityLevel.parse("mandatory"))
        .hasMessageContaining("Postfix knows none, may, encrypt, dane");
  }

  @Test
  void spamLevelIsANumberOrUndef() {
    assertThat(SpamLevel.parse("undef")).isEqualTo(SpamLevel.UNDEFINED);
    assertThat(SpamLevel.parse("6.31")).hasToString("6.31");
    assertThat(SpamLevel.parse("-2")).hasToString("-2");
    assertThatThrownBy(() -> SpamLevel.parse("high")).hasMessageContaining("is not a spam level");
  }

  @Test
  void transportRouteParsesServiceAndNextHop() {
    TransportRoute route = TransportRoute.parse("Example.com", "smtp:[10.0.0.5]:25");

    assertThat(route.pattern()).isEqualTo("example.com");
    assertThat(route.service()).isEqualTo("smtp");
    assertThat(route.nextHop()).contains(NextHop.parse("[10.0.0.5]:25"));
    assertThat(route).hasToString("example.com smtp:[10.0.0.5]:25");
  }

  @Test
  void transportRouteTakesFreeTextForError() {
    TransportRoute route = TransportRoute.parse(".example.org", "error:5.1.1 no such domain");

    assertThat(route.nextHop()).isEmpty();
    assertThat(route.result()).isEqualTo("error:5.1.1 no such domain");
  }

  @Test
  void transportRouteRejectsUnknownServices() {
    assertThatThrownBy(() -> TransportRoute.parse("example.com", "uucp:host"))
        .hasMessageContaining("unknown transport 'uucp'");
  }

  @Test
  void transportRouteRejectsABadNextHop() {
    assertThatThrownBy(() -> TransportRoute.parse("example.com", "smtp:[10.0.0.5]:99999"))
        .hasMessageContaining("outside 1-65535");
  }
}
