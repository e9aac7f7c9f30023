package dev.mailgateway.runtime.scan;

import dev.mailgateway.api.ContentFilter;
import dev.mailgateway.api.ScannerEndpoint;
import dev.mailgateway.runtime.cleanup.ContentScanner;
import dev.mailgateway.runtime.cleanup.ScannerChain;
import dev.mailgateway.runtime.cleanup.TestSignatureScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The scanners a gateway's options name, made into clients and checked against the policy: a
 * policy that scans for viruses needs a scanner that finds them, one that scores spam a scanner
 * that scores it. A gateway started without them would pass mail unscanned in silence; it is
 * refused instead, with what to do.
 */
public final class ScannerLineup {

  private ScannerLineup() {}

  /** The scanner for these endpoints, asked in order; empty when there are none. */
  public static Optional<ContentScanner> of(List<ScannerEndpoint> endpoints) {
    List<ContentScanner> scanners = new ArrayList<>();
    for (ScannerEndpoint endpoint : endpoints) {
      scanners.add(switch (endpoint.kind()) {
        case CLAMD -> ClamdScanner.at(endpoint);
        case SPAMD -> SpamdScanner.at(endpoint);
        case TEST_DETECTORS -> new TestSignatureScanner();
        case AMAVIS -> throw new IllegalArgumentException(endpoint + ": amavisd is a content"
            + " filter the mail is handed to, not a scanner to combine with others");
      });
    }
    return scanners.isEmpty() ? Optional.empty() : Optional.of(ScannerChain.of(scanners));
  }

  /**
   * Checks that the scanner does every check the policy asks for.
   *
   * @throws IllegalStateException naming the missing check, the policy field that asks for it
   *     and the ways out
   */
  public static void checkCovers(ContentFilter policy, Optional<ContentScanner> scanner) {
    List<String> missing = new ArrayList<>();
    if (policy.scansViruses() && !covers(scanner, ContentScanner.Check.VIRUS)) {
      missing.add("viruses (contentFilter.virusChecks) but no scanner finds them: add clamd");
    }
    if (policy.scansSpam() && !covers(scanner, ContentScanner.Check.SPAM)) {
      missing.add("spam (contentFilter.spamChecks) but no scanner scores it: add spamd");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("the policy's content filter scans for "
          + String.join("; and for ", missing) + "; or use the test detectors in tests, or"
          + " switch the check off in the policy");
    }
  }

  private static boolean covers(Optional<ContentScanner> scanner, ContentScanner.Check check) {
    return scanner.map(s -> s.checks().contains(check)).orElse(false);
  }
}
