package dev.mailgateway.api;

import java.nio.file.Path;
import org.immutables.value.Value;

/**
 * Spam and virus scanning through Amavis (Postfix's {@code content_filter}), with the
 * SpamAssassin score levels Amavis acts on.
 */
@Value.Immutable
public abstract class ContentFilter {

  /** Whether mail passes through the content filter at all. */
  @Value.Default
  public boolean enabled() {
    return true;
  }

  /** Whether viruses are looked for (ClamAV). */
  @Value.Default
  public boolean virusChecks() {
    return true;
  }

  /** Whether spam is scored (SpamAssassin). */
  @Value.Default
  public boolean spamChecks() {
    return true;
  }

  /** {@code sa_tag_level_deflt}: from this score on, spam headers are added; undef is always. */
  @Value.Default
  public SpamLevel tagLevel() {
    return SpamLevel.UNDEFINED;
  }

  /** {@code sa_tag2_level_deflt}: from this score on, mail is marked as spam. */
  @Value.Default
  public SpamLevel tag2Level() {
    return SpamLevel.of(5);
  }

  /** {@code sa_kill_level_deflt}: from this score on, the spam destiny applies. */
  @Value.Default
  public SpamLevel killLevel() {
    return SpamLevel.of(20);
  }

  /**
   * {@code $final_spam_destiny}: what happens to spam at the kill level. Passed, tagged, as the
   * image's Debian Amavis does by default.
   */
  @Value.Default
  public Destiny spamDestiny() {
    return Destiny.PASS;
  }

  /**
   * {@code $final_virus_destiny}: what happens to an infected message. Discarded into the
   * quarantine, as the image's Debian Amavis does by default.
   */
  @Value.Default
  public Destiny virusDestiny() {
    return Destiny.QUARANTINE;
  }

  /**
   * {@code $QUARANTINEDIR}: where the {@code quarantine} destiny keeps its copies, one file per
   * message. Debian's Amavis folder by default.
   */
  @Value.Default
  public Path quarantineDirectory() {
    return Path.of("/var/lib/amavis/virusmails");
  }

  /**
   * Whether mail is accepted unscanned when a scanner is down or times out. Off by default: such
   * mail is refused for now (451 4.7.1), as Postfix does when Amavis cannot be reached, so that
   * nothing passes unscanned without a decision to allow it.
   */
  @Value.Default
  public boolean failOpen() {
    return false;
  }

  /** Whether viruses are actually scanned for: the filter and its virus checks are on. */
  public boolean scansViruses() {
    return enabled() && virusChecks();
  }

  /** Whether spam is actually scored: the filter and its spam checks are on. */
  public boolean scansSpam() {
    return enabled() && spamChecks();
  }
}
