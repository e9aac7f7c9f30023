package dev.mailgateway.junit;

import dev.mailgateway.dkim.DkimResult;
import dev.mailgateway.dkim.DkimVerifier;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a message the next hop received. */
public final class DeliveredMessageAssert extends AbstractAssert<DeliveredMessageAssert, DeliveredMessage> {

  DeliveredMessageAssert(DeliveredMessage actual) {
    super(actual, DeliveredMessageAssert.class);
  }

  /**
   * The message has a DKIM signature of the domain that verifies with the gateway's key; a
   * failure prints every verification result and the message's header.
   */
  public DeliveredMessageAssert hasValidDkimSignature(String domain) {
    isNotNull();
    List<DkimResult> results = new DkimVerifier(actual.keys()).verify(new ByteArrayInputStream(actual.raw()));
    boolean passed = results.stream().anyMatch(r -> r.passed() && r.domain().filter(domain::equals).isPresent());
    if (!passed) {
      failWithMessage("expected a valid DKIM signature of %s, but the results were:%n  %s%n"
          + "in the message header:%n%s", domain, DkimResult.authenticationResults("check", results),
          header());
    }
    return this;
  }

  /** The message carries no DKIM signature at all. */
  public DeliveredMessageAssert isNotDkimSigned() {
    isNotNull();
    if (header().toLowerCase().contains("\ndkim-signature:") || header().toLowerCase().startsWith("dkim-signature:")) {
      failWithMessage("expected no DKIM signature, but the header is:%n%s", header());
    }
    return this;
  }

  /** The message has a header field with this name whose value contains the text. */
  public DeliveredMessageAssert hasHeaderContaining(String name, String text) {
    isNotNull();
    boolean found = header().lines().anyMatch(line -> line.regionMatches(true, 0, name + ":", 0,
        name.length() + 1) && line.contains(text));
    if (!found) {
      failWithMessage("expected a %s field containing %s in:%n%s", name, text, header());
    }
    return this;
  }

  /** The content filter flagged the message as spam ({@code X-Spam-Flag: YES}, from tag2 on). */
  public DeliveredMessageAssert isSpamTagged() {
    isNotNull();
    if (!spamFlagged()) {
      failWithMessage("expected X-Spam-Flag: YES in:%n%s", header());
    }
    return this;
  }

  /** The message was not flagged as spam. */
  public DeliveredMessageAssert isNotSpamTagged() {
    isNotNull();
    if (spamFlagged()) {
      failWithMessage("expected no X-Spam-Flag: YES in:%n%s", header());
    }
    return this;
  }

  /** A virus scanner looked at the message ({@code X-Virus-Scanned}). */
  public DeliveredMessageAssert wasVirusScanned() {
    return hasHeaderContaining("X-Virus-Scanned", "");
  }

  private boolean spamFlagged() {
    return header().lines().anyMatch(line -> line.regionMatches(true, 0, "X-Spam-Flag:", 0, 12)
        && line.substring(12).strip().equalsIgnoreCase("YES"));
  }

  private String header() {
    String text = actual.text();
    int end = text.indexOf("\r\n\r\n");
    return end < 0 ? text : text.substring(0, end);
  }
}
