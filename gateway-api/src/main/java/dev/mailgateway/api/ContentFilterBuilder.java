package dev.mailgateway.api;

import java.nio.file.Path;
import java.util.Optional;

/** Part of the DSL: spam and virus scanning through Amavis. */
public final class ContentFilterBuilder {

  private static final String PATH = "contentFilter";

  private boolean enabled = true;
  private boolean virusChecks = true;
  private boolean spamChecks = true;
  private Optional<String> tagLevel = Optional.empty();
  private Optional<String> tag2Level = Optional.empty();
  private Optional<String> killLevel = Optional.empty();
  private Optional<String> spamDestiny = Optional.empty();
  private Optional<String> virusDestiny = Optional.empty();
  private Optional<Path> quarantineDirectory = Optional.empty();
  private boolean failOpen;

  ContentFilterBuilder() {}

  /** Whether mail passes through the content filter at all (on by default). */
  public ContentFilterBuilder enabled(boolean on) {
    enabled = on;
    return this;
  }

  /** Whether viruses are looked for (on by default). */
  public ContentFilterBuilder virusChecks(boolean on) {
    virusChecks = on;
    return this;
  }

  /** Whether spam is scored (on by default). */
  public ContentFilterBuilder spamChecks(boolean on) {
    spamChecks = on;
    return this;
  }

  /** {@code sa_tag_level_deflt}: a number or {@code undef} (the default: always tag). */
  public ContentFilterBuilder tagLevel(String level) {
    tagLevel = Optional.of(level);
    return this;
  }

  /** {@code sa_tag2_level_deflt}: a number (default 5) or {@code undef}. */
  public ContentFilterBuilder tag2Level(String level) {
    tag2Level = Optional.of(level);
    return this;
  }

  /** {@code sa_kill_level_deflt}: a number (default 20) or {@code undef}. */
  public ContentFilterBuilder killLevel(String level) {
    killLevel = Optional.of(level);
    return this;
  }

  /**
   * {@code $final_spam_destiny}: {@code pass} (the default: tagged), {@code reject}, {@code
   * discard} or {@code quarantine}.
   */
  public ContentFilterBuilder spamDestiny(String destiny) {
    spamDestiny = Optional.of(destiny);
    return this;
  }

  /** The same, typed. */
  public ContentFilterBuilder spamDestiny(Destiny destiny) {
    return spamDestiny(destiny.policyName());
  }

  /**
   * {@code $final_virus_destiny}: {@code quarantine} (the default), {@code discard}, {@code
   * reject} or {@code pass}.
   */
  public ContentFilterBuilder virusDestiny(String destiny) {
    virusDestiny = Optional.of(destiny);
    return this;
  }

  /** The same, typed. */
  public ContentFilterBuilder virusDestiny(Destiny destiny) {
    return virusDestiny(destiny.policyName());
  }

  /** {@code $QUARANTINEDIR} (default {@code /var/lib/amavis/virusmails}). */
  public ContentFilterBuilder quarantineDirectory(Path folder) {
    quarantineDirectory = Optional.of(folder);
    return this;
  }

  /**
   * Whether mail is accepted unscanned when a scanner cannot decide (off by default: refused for
   * now with 451 4.7.1).
   */
  public ContentFilterBuilder failOpen(boolean on) {
    failOpen = on;
    return this;
  }

  ContentFilter build(Violations violations) {
    ImmutableContentFilter.Builder filter = ImmutableContentFilter.builder()
        .enabled(enabled)
        .virusChecks(virusChecks)
        .spamChecks(spamChecks)
        .failOpen(failOpen);
    // Conditionals, not Optional's lambdas: see PolicyBuilder.build.
    if (spamDestiny.isPresent()) {
      violations.parse(PATH + ".spamDestiny", spamDestiny.get(), Destiny::parse)
          .ifPresent(filter::spamDestiny);
    }
    if (virusDestiny.isPresent()) {
      violations.parse(PATH + ".virusDestiny", virusDestiny.get(), Destiny::parse)
          .ifPresent(filter::virusDestiny);
    }
    if (quarantineDirectory.isPresent()) {
      filter.quarantineDirectory(quarantineDirectory.get());
    }
    if (tagLevel.isPresent()) {
      violations.parse(PATH + ".tagLevel", tagLevel.get(), SpamLevel::parse)
          .ifPresent(filter::tagLevel);
    }
    if (tag2Level.isPresent()) {
      violations.parse(PATH + ".tag2Level", tag2Level.get(), SpamLevel::parse)
          .ifPresent(filter::tag2Level);
    }
    if (killLevel.isPresent()) {
      violations.parse(PATH + ".killLevel", killLevel.get(), SpamLevel::parse)
          .ifPresent(filter::killLevel);
    }
    return filter.build();
  }
}
