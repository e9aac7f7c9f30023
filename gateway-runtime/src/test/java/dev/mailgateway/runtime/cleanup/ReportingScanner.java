package dev.mailgateway.runtime.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.Set;

/**
 * A scanner double for unit tests of the stages: it reads the whole message, as a real scanner
 * would, and answers with the report it was given, or fails as a scanner that is down. The real
 * scanners are proven against clamd and spamd.
 */
public final class ReportingScanner implements ContentScanner {

  private final ScanReport report;
  private final IOException failure;

  private ReportingScanner(ScanReport report, IOException failure) {
    this.report = report;
    this.failure = failure;
  }

  /** A scanner that finds what the report says. */
  public static ReportingScanner reporting(ScanReport report) {
    return new ReportingScanner(report, null);
  }

  /** A scanner that cannot be reached. */
  public static ReportingScanner down() {
    return new ReportingScanner(null, new java.net.ConnectException("connection refused"));
  }

  @Override
  public String name() {
    return "test-scanner";
  }

  @Override
  public Set<Check> checks() {
    return EnumSet.allOf(Check.class);
  }

  @Override
  public ScanReport scan(MessageContent message) throws IOException {
    if (failure != null) {
      throw failure;
    }
    try (InputStream in = message.open()) {
      assertThat(in.readAllBytes()).hasSize((int) message.size());
    }
    return report;
  }
}
