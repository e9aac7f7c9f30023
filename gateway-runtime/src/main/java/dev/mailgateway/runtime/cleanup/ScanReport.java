package dev.mailgateway.runtime.cleanup;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * What a scanner found in a message.
 *
 * @param virus the name of the virus found, if any
 * @param spamScore the spam score, when spam was scored
 * @param tests the names of the spam rules that hit
 */
public record ScanReport(Optional<String> virus, Optional<BigDecimal> spamScore, List<String> tests) {

  /** Copies the tests. */
  public ScanReport {
    tests = List.copyOf(tests);
  }

  /** Clean, and scored this much. */
  public static ScanReport scored(BigDecimal score, List<String> tests) {
    return new ScanReport(Optional.empty(), Optional.of(score), tests);
  }

  /** Infected. */
  public static ScanReport infected(String virus) {
    return new ScanReport(Optional.of(virus), Optional.empty(), List.of());
  }
}
