package dev.mailgateway.api;

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

  ContentFilter build(Violations violations) {
    ImmutableContentFilter.Builder filter = ImmutableContentFilter.builder()
        .enabled(enabled)
        .virusChecks(virusChecks)
        .spamChecks(spamChecks);
    tagLevel.flatMap(l -> violations.parse(PATH + ".tagLevel", l, SpamLevel::parse))
        .ifPresent(filter::tagLevel);
    tag2Level.flatMap(l -> violations.parse(PATH + ".tag2Level", l, SpamLevel::parse))
        .ifPresent(filter::tag2Level);
    killLevel.flatMap(l -> violations.parse(PATH + ".killLevel", l, SpamLevel::parse))
        .ifPresent(filter::killLevel);
    return filter.build();
  }
}
