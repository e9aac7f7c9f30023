package dev.mailgateway.runtime.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmtpPathTest {

  @Test
  void theNullPathIsTheSenderOfABounce() {
    assertThat(SmtpPath.parse("<>")).isEmpty();
  }

  @Test
  void domainsAreLowerCasedWithoutTheirTrailingDot() {
    assertThat(SmtpPath.parse("<User@Example.COM.>")).contains(new Mailbox("User", "example.com"));
  }

  @Test
  void aSourceRouteIsAcceptedAndIgnored() {
    assertThat(SmtpPath.parse("<@relay.example,@other.example:user@example.com>"))
        .contains(new Mailbox("user", "example.com"));
  }

  @Test
  void aQuotedLocalPartMayHoldAnAt() {
    Optional<Mailbox> mailbox = SmtpPath.parse("<\"user@elsewhere\"@example.com>");

    assertThat(mailbox.orElseThrow().hasRoutingInLocalPart()).isTrue();
    assertThat(mailbox.orElseThrow()).hasToString("\"user@elsewhere\"@example.com");
  }

  @Test
  void utf8AddressesAreAcceptedAsSmtputf8Offers() {
    assertThat(SmtpPath.parse("<jörg@bücher.example>")).contains(new Mailbox("jörg", "bücher.example"));
  }

  @Test
  void addressLiteralsAreKept() {
    assertThat(SmtpPath.parse("<user@[192.0.2.1]>").orElseThrow().isAddressLiteral()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"user@example.com", "<user@example.com", "<user>", "<user@@example.com>",
      "<user@elsewhere@example.com>", "<us er@example.com>", "<user@exa mple.com>", "<\"unterminated@example.com>",
      "<user@-bad.example>", "<user@[300.1.1.1.1]>", "<user@[300.1.1.1]>", "<user@[IPv6:zz::1]>"})
  void malformedPathsAreSyntaxErrors(String path) {
    assertThatThrownBy(() -> SmtpPath.parse(path)).isInstanceOf(SmtpSyntaxException.class);
  }

  /** A random text of the characters that matter to a domain or a Dot-string, some long. */
  private static String randomText(java.util.Random random) {
    String[] pieces = {"a", "Z", "0", "-", ".", "é", "\uD83D\uDE00", "\uD800", "_", " ", "!", "@",
        "x".repeat(61), "y".repeat(62)};
    StringBuilder text = new StringBuilder();
    for (int n = random.nextInt(7); n > 0; n--) {
      text.append(pieces[random.nextInt(pieces.length)]);
    }
    return text.toString();
  }

  @Test
  void aDomainIsWhatTheRegularExpressionOfLabelsSaid() {
    java.util.regex.Pattern domain = java.util.regex.Pattern.compile(
        "[A-Za-z0-9\\u0080-\\uFFFF]([A-Za-z0-9\\u0080-\\uFFFF-]{0,61}[A-Za-z0-9\\u0080-\\uFFFF])?"
            + "(\\.[A-Za-z0-9\\u0080-\\uFFFF]([A-Za-z0-9\\u0080-\\uFFFF-]{0,61}[A-Za-z0-9\\u0080-\\uFFFF])?)*\\.?");
    java.util.Random random = new java.util.Random(1035);
    for (int i = 0; i < 50_000; i++) {
      String text = randomText(random);
      assertThat(SmtpPath.isDomain(text)).as(text).isEqualTo(domain.matcher(text).matches());
    }
  }

  @Test
  void aLocalPartIsWhatTheRegularExpressionOfTheUtf8DotStringSaid() {
    java.util.regex.Pattern dotString = java.util.regex.Pattern.compile(
        "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\u0080-\\uFFFF-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\u0080-\\uFFFF-]+)*");
    java.util.Random random = new java.util.Random(6531);
    for (int i = 0; i < 50_000; i++) {
      String text = randomText(random);
      assertThat(Mailbox.isDotString(text, true)).as(text)
          .isEqualTo(dotString.matcher(text).matches());
    }
  }
}
