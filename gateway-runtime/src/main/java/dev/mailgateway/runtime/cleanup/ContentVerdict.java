package dev.mailgateway.runtime.cleanup;

import dev.mailgateway.api.ContentFilter;
import dev.mailgateway.api.SpamLevel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What to do with a scanned message, as Amavis decides it with its three levels: from the tag
 * level on, {@code X-Spam-Status}, {@code X-Spam-Score} and {@code X-Spam-Level} are added ({@code
 * undef} means always); from tag2 on, {@code X-Spam-Flag: YES} and the subject tag; from the kill
 * level on, the spam destiny. A virus gets the virus destiny. Destinies are Debian's Amavis
 * defaults: spam passes tagged, a virus is discarded.
 *
 * @param action what happens to the message
 * @param headers the header lines to add
 * @param subjectTag whether the subject gets {@code ***SPAM*** } in front
 * @param reason why, for the log and a refusal
 */
public record ContentVerdict(Action action, List<String> headers, boolean subjectTag, String reason) {

  /** What happens to a message. */
  public enum Action {
    /** Delivered, with the headers added. */
    PASS,
    /** Refused at the end of DATA: no backscatter. */
    REJECT,
    /** Accepted and dropped. */
    DISCARD
  }

  /** The subject tag of {@code sa_spam_subject_tag}. */
  public static final String SPAM_SUBJECT_TAG = "***SPAM*** ";

  /** Copies the headers. */
  public ContentVerdict {
    headers = List.copyOf(headers);
  }

  /** The verdict on a report, under the policy's levels. */
  public static ContentVerdict of(ContentFilter levels, ScanReport report, String scanner,
      String hostname) {
    List<String> headers = new ArrayList<>();
    if (report.virus().isPresent() && levels.scansViruses()) {
      return new ContentVerdict(Action.DISCARD, List.of(), false,
          "virus " + report.virus().get() + " found by " + scanner);
    }
    headers.add("X-Virus-Scanned: " + scanner + " at " + hostname);
    if (report.spamScore().isEmpty() || !levels.scansSpam()) {
      return new ContentVerdict(Action.PASS, headers, false, "clean");
    }
    BigDecimal score = report.spamScore().get();
    boolean tag = reached(score, levels.tagLevel(), true);
    boolean tag2 = reached(score, levels.tag2Level(), false);
    boolean kill = reached(score, levels.killLevel(), false);
    if (tag || tag2) {
      headers.add("X-Spam-Flag: " + (tag2 ? "YES" : "NO"));
      headers.add("X-Spam-Score: " + score.toPlainString());
      headers.add("X-Spam-Level: " + "*".repeat(Math.max(0, Math.min(64, score.intValue()))));
      headers.add("X-Spam-Status: " + (tag2 ? "Yes" : "No") + ", score=" + score.toPlainString()
          + " tag=" + levels.tagLevel() + " tag2=" + levels.tag2Level() + " kill="
          + levels.killLevel() + " tests=[" + String.join(", ", report.tests()) + "]");
    }
    String reason = "spam score " + score.toPlainString() + (kill ? " at or above the kill level" : "");
    return new ContentVerdict(Action.PASS, headers, tag2, reason);
  }

  private static boolean reached(BigDecimal score, SpamLevel level, boolean undefinedMeansAlways) {
    Optional<BigDecimal> threshold = level.score();
    return threshold.isEmpty() ? undefinedMeansAlways : score.compareTo(threshold.get()) >= 0;
  }
}
