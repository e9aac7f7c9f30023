package dev.mailgateway.api;

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

  /** Whether viruses are actually scanned for: the filter and its virus checks are on. */
  public boolean scansViruses() {
    return enabled() && virusChecks();
  }

  /** Whether spam is actually scored: the filter and its spam checks are on. */
  public boolean scansSpam() {
    return enabled() && spamChecks();
  }
}
