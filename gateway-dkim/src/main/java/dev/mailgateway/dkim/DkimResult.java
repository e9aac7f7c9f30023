package dev.mailgateway.dkim;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The verdict on one DKIM signature, as RFC 8601 reports it: {@code dkim=pass}, {@code fail}
 * with a reason, {@code temperror}, {@code permerror}, or {@code none} for an unsigned message.
 *
 * @param status the verdict
 * @param reason why, in words; empty for a plain pass
 * @param domain the signing domain ({@code d=}), when the signature names one
 * @param selector the selector ({@code s=})
 * @param algorithm the algorithm ({@code a=})
 * @param signatureStart the first characters of {@code b=}, to tell signatures apart (RFC 6008)
 * @param testing whether the key record says the domain is testing ({@code t=y})
 */
public record DkimResult(Status status, String reason, Optional<String> domain,
    Optional<String> selector, Optional<String> algorithm, Optional<String> signatureStart,
    boolean testing) {

  private static final int REASON_LENGTH = 200;

  /**
   * A result whose reason is printable ASCII of a bounded length: reasons quote what a sender
   * wrote, and end up in a header field and the log.
   */
  public DkimResult {
    StringBuilder printable = new StringBuilder();
    for (int i = 0; i < reason.length() && printable.length() < REASON_LENGTH; i++) {
      char c = reason.charAt(i);
      printable.append(c < 0x20 || c > 0x7e ? '?' : c);
    }
    if (printable.length() < reason.length()) {
      printable.append("...");
    }
    reason = printable.toString();
  }

  /** The verdicts of RFC 8601 for the dkim method. */
  public enum Status {
    /** The signature verified. */
    PASS,
    /**
     * The signature did not verify, or is unacceptable (expired, body too short, no key in
     * DNS, as OpenDKIM reports it).
     */
    FAIL,
    /** The verdict is unknown for now (a DNS failure); a later try may succeed. */
    TEMPERROR,
    /** The signature cannot be checked: a syntax error, a broken or revoked key. */
    PERMERROR,
    /** The message has no signature. */
    NONE;

    /** The RFC 8601 token. */
    public String token() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The result of an unsigned message. */
  static DkimResult none() {
    return new DkimResult(Status.NONE, "no signature", Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), false);
  }

  /** Whether the signature verified. */
  public boolean passed() {
    return status == Status.PASS;
  }

  /**
   * This result as one resinfo of an Authentication-Results field: {@code dkim=pass
   * header.d=example.com header.s=default header.a=rsa-sha256 header.b=AbCdEfGh}.
   */
  public String resultInfo() {
    StringBuilder info = new StringBuilder("dkim=").append(status.token());
    String comment = reason + (testing ? (reason.isEmpty() ? "" : "; ") + "test mode" : "");
    if (!comment.isEmpty()) {
      info.append(" (").append(comment.replace("(", "[").replace(")", "]").replace('\\', '/'))
          .append(')');
    }
    domain.ifPresent(d -> info.append(" header.d=").append(d));
    selector.ifPresent(s -> info.append(" header.s=").append(s));
    algorithm.ifPresent(a -> info.append(" header.a=").append(a));
    signatureStart.ifPresent(b -> info.append(" header.b=").append(b));
    return info.toString();
  }

  /** An Authentication-Results field (RFC 8601) for the results, from {@code authservId}. */
  public static String authenticationResults(String authservId, List<DkimResult> results) {
    return "Authentication-Results: " + authservId + ";"
        + results.stream().map(r -> "\r\n\t" + r.resultInfo()).collect(Collectors.joining(";"));
  }
}
