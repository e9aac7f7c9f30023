package dev.mailgateway.runtime.cleanup;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What scanners found in a message.
 *
 * @param virusScannedBy the virus scanner that looked, if one did
 * @param virus the name of the virus found, if any
 * @param spamScore the spam score, when spam was scored
 * @param tests the names of the spam rules that hit
 * @param spamSkipped why spam was not scored, when it was skipped (a message above the
 *     scanner's size limit)
 */
public record ScanReport(Optional<String> virusScannedBy, Optional<String> virus,
    Optional<BigDecimal> spamScore, List<String> tests, Optional<String> spamSkipped) {

  /** Copies the tests. */
  public ScanReport {
    tests = List.copyOf(tests);
  }

  /** Nothing looked at the message. */
  public static ScanReport none() {
    return new ScanReport(Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
        Optional.empty());
  }

  /** No virus, according to this scanner. */
  public static ScanReport clean(String scanner) {
    return new ScanReport(Optional.of(scanner), Optional.empty(), Optional.empty(), List.of(),
        Optional.empty());
  }

  /** Infected, according to this scanner. */
  public static ScanReport infected(String scanner, String virus) {
    return new ScanReport(Optional.of(scanner), Optional.of(virus), Optional.empty(), List.of(),
        Optional.empty());
  }

  /** Scored this much for spam, with the rules that hit. */
  public static ScanReport scored(BigDecimal score, List<String> tests) {
    return new ScanReport(Optional.empty(), Optional.empty(), Optional.of(score), tests,
        Optional.empty());
  }

  /** Not scored for spam, and why. */
  public static ScanReport skipped(String reason) {
    return new ScanReport(Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
        Optional.of(reason));
  }

  /** Whether a virus was found. */
  public boolean infected() {
    return virus.isPresent();
  }

  /** This report and another scanner's together; where both say something, this one wins. */
  public ScanReport and(ScanReport other) {
    List<String> allTests = new ArrayList<>(tests);
    allTests.addAll(other.tests);
    return new ScanReport(virusScannedBy.or(other::virusScannedBy), virus.or(other::virus),
        spamScore.or(other::spamScore), allTests,
        spamScore.isPresent() ? Optional.empty() : spamSkipped.or(other::spamSkipped));
  }
}
