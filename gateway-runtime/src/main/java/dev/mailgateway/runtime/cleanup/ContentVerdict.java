package dev.mailgateway.runtime.cleanup;

import dev.mailgateway.api.ContentFilter;
import dev.mailgateway.api.Destiny;
import dev.mailgateway.api.SpamLevel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What to do with a scanned message, as Amavis decides it with its three levels: from the tag
 * level on, {@code X-Spam-Status}, {@code X-Spam-Score} and {@code X-Spam-Level} are added ({@code
 * undef} means always); from tag2 on, {@code X-Spam-Flag: YES} and the subject tag; from the kill
 * level on, the policy's spam destiny. A virus gets the policy's virus destiny, and clean mail
 * {@code X-Virus-Scanned}. As in Amavis, the spam headers and the subject tag are for local
 * recipients only ({@code @local_domains_acl}: the relay domains and the gateway's own): mail
 * that only leaves is scored, and its destiny applies, but it is not marked.
 *
 * @param destiny what happens to the message
 * @param headers the header lines to add when it passes
 * @param subjectTag whether the subject gets {@code ***SPAM*** } in front
 * @param category {@code virus}, {@code spam} or {@code clean}: the quarantine file's prefix
 * @param reason why, for the log and a refusal
 */
public record ContentVerdict(Destiny destiny, List<String> headers, boolean subjectTag,
    String category, String reason) {

  /** The subject tag of {@code sa_spam_subject_tag}. */
  public static final String SPAM_SUBJECT_TAG = "***SPAM*** ";

  /** Copies the headers. */
  public ContentVerdict {
    headers = List.copyOf(headers);
  }

  private static final String UNSCANNED = "unscanned: ";

  /** Passed unscanned: the scanner could not decide and the policy fails open. */
  public static ContentVerdict unscanned(String why) {
    return new ContentVerdict(Destiny.PASS, List.of(), false, "clean", UNSCANNED + why);
  }

  /**
   * The verdict as the log, the meters and an application's handler name it: {@code unchecked}
   * when the scanner could not decide, else the category ({@code clean}, {@code spam}, {@code
   * virus}).
   */
  public String verdict() {
    return reason.startsWith(UNSCANNED) ? "unchecked"
        : category.isEmpty() ? "clean" : category.toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The verdict on a report, under the policy's levels and destinies.
   *
   * @param forLocalRecipient whether a recipient is local, so that spam headers are added
   */
  public static ContentVerdict of(ContentFilter policy, ScanReport report, String hostname,
      boolean forLocalRecipient) {
    List<String> headers = new ArrayList<>();
    report.virusScannedBy().ifPresent(by -> headers.add("X-Virus-Scanned: " + by + " at " + hostname));
    if (report.infected() && policy.scansViruses()) {
      String virus = report.virus().orElseThrow();
      headers.add("X-Amavis-Alert: INFECTED, message contains virus: " + virus);
      return new ContentVerdict(policy.virusDestiny(), headers, false, "virus",
          "virus " + virus + " found by " + report.virusScannedBy().orElse("a scanner"));
    }
    if (!policy.scansSpam()) {
      return new ContentVerdict(Destiny.PASS, headers, false, "clean", "clean");
    }
    if (report.spamScore().isEmpty()) {
      report.spamSkipped().ifPresent(why -> headers.add("X-Spam-Skipped: " + why));
      return new ContentVerdict(Destiny.PASS, headers, false, "clean",
          report.spamSkipped().map(why -> "spam not scored: " + why).orElse("clean"));
    }
    BigDecimal score = report.spamScore().get();
    boolean tag = reached(score, policy.tagLevel(), true);
    boolean tag2 = reached(score, policy.tag2Level(), false);
    boolean kill = reached(score, policy.killLevel(), false);
    if ((tag || tag2) && forLocalRecipient) {
      headers.add("X-Spam-Flag: " + (tag2 ? "YES" : "NO"));
      headers.add("X-Spam-Score: " + score.toPlainString());
      headers.add("X-Spam-Level: " + "*".repeat(Math.max(0, Math.min(64, score.intValue()))));
      headers.add("X-Spam-Status: " + (tag2 ? "Yes" : "No") + ", score=" + score.toPlainString()
          + " tag=" + policy.tagLevel() + " tag2=" + policy.tag2Level() + " kill="
          + policy.killLevel() + " tests=[" + String.join(", ", report.tests()) + "]");
    }
    String reason = "spam score " + score.toPlainString()
        + (kill ? " at or above the kill level " + policy.killLevel() : "");
    return new ContentVerdict(kill ? policy.spamDestiny() : Destiny.PASS, headers,
        tag2 && forLocalRecipient,
        tag2 ? "spam" : "clean", reason);
  }

  private static boolean reached(BigDecimal score, SpamLevel level, boolean undefinedMeansAlways) {
    Optional<BigDecimal> threshold = level.score();
    return threshold.isEmpty() ? undefinedMeansAlways : score.compareTo(threshold.get()) >= 0;
  }
}
