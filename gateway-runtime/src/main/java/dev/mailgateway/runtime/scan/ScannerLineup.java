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

  /**
   * The amavisd among the endpoints, if any: it takes the mail after the queue and does all the
   * scanning, so it is the only one.
   *
   * @throws IllegalArgumentException when amavisd is named with other scanners
   */
  public static Optional<ScannerEndpoint> amavis(List<ScannerEndpoint> endpoints) {
    for (ScannerEndpoint endpoint : endpoints) {
      if (endpoint.kind() == ScannerEndpoint.Kind.AMAVIS) {
        if (endpoints.size() > 1) {
          throw new IllegalArgumentException("amavisd does all the scanning of the mail it is"
              + " handed and does not combine with other scanners: " + endpoints);
        }
        return Optional.of(endpoint);
      }
    }
    return Optional.empty();
  }

  /**
   * Checks that the endpoints carry out the policy's content filter: amavisd alone, or
   * in-process scanners that cover every check.
   *
   * @throws IllegalArgumentException when amavisd is named with other scanners
   * @throws IllegalStateException when a check of the policy has no scanner
   */
  public static void checkCarryOut(ContentFilter policy, List<ScannerEndpoint> endpoints) {
    if (amavis(endpoints).isEmpty()) {
      checkCovers(policy, of(endpoints));
    }
  }

  /** The in-process scanner for these endpoints, asked in order; empty when there are none. */
  public static Optional<ContentScanner> of(List<ScannerEndpoint> endpoints) {
    List<ContentScanner> scanners = new ArrayList<>();
    for (ScannerEndpoint endpoint : endpoints) {
      scanners.add(switch (endpoint.kind()) {
        case CLAMD -> ClamdScanner.at(endpoint);
        case SPAMD -> SpamdScanner.at(endpoint);
        case TEST_DETECTORS -> new TestSignatureScanner();
        case AMAVIS -> throw new IllegalArgumentException(endpoint + ": amavisd is a content"
            + " filter the mail is handed to after the queue, not a scanner asked in process");
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
