package dev.mailgateway.runtime.cleanup;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Several scanners, one after the other, as Amavis runs ClamAV and then SpamAssassin: their
 * reports are put together, and once a virus is found the rest are not asked (an infected
 * message needs no spam score).
 */
public final class ScannerChain implements ContentScanner {

  private final List<ContentScanner> scanners;

  private ScannerChain(List<ContentScanner> scanners) {
    this.scanners = List.copyOf(scanners);
  }

  /** The scanners, asked in this order. */
  public static ContentScanner of(List<ContentScanner> scanners) {
    if (scanners.isEmpty()) {
      throw new IllegalArgumentException("a scanner chain needs at least one scanner");
    }
    return scanners.size() == 1 ? scanners.get(0) : new ScannerChain(scanners);
  }

  @Override
  public String name() {
    return scanners.stream().map(ContentScanner::name).collect(Collectors.joining(", "));
  }

  @Override
  public Set<Check> checks() {
    Set<Check> all = EnumSet.noneOf(Check.class);
    scanners.forEach(s -> all.addAll(s.checks()));
    return all;
  }

  @Override
  public ScanReport scan(MessageContent message) throws IOException {
    ScanReport report = ScanReport.none();
    for (ContentScanner scanner : scanners) {
      report = report.and(scanner.scan(message));
      if (report.infected()) {
        break;
      }
    }
    return report;
  }
}
