package dev.mailgateway.runtime.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MailboxTest {

  @Test
  void aDotAtomLocalPartIsWrittenBare() {
    assertThat(new Mailbox("first.last+tag", "example.com")).hasToString("first.last+tag@example.com");
  }

  @Test
  void aLocalPartWithALeadingOrDoubledDotIsQuoted() {
    assertThat(new Mailbox(".a..b", "example.com")).hasToString("\".a..b\"@example.com");
  }

  @Test
  void aLocalPartWithSpacesOrQuotesIsQuotedAndEscaped() {
    assertThat(new Mailbox("a \"b\"", "example.com")).hasToString("\"a \\\"b\\\"\"@example.com");
  }

  @Test
  void anEmptyLocalPartIsQuoted() {
    assertThat(new Mailbox("", "example.com")).hasToString("\"\"@example.com");
  }

  @Test
  void whatNeedsNoQuotesIsRfc5321sDotString() {
    Pattern dotString = Pattern.compile(
        "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    String alphabet = "aZ09.!#~-\" @\\(é";
    Random random = new Random(5321);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder local = new StringBuilder();
      for (int n = random.nextInt(8); n > 0; n--) {
        local.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      assertThat(Mailbox.isDotString(local.toString(), false)).as(local.toString())
          .isEqualTo(dotString.matcher(local).matches());
    }
  }
}
