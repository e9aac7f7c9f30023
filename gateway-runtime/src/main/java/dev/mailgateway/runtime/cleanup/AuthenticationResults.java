package dev.mailgateway.runtime.cleanup;

import dev.mailgateway.dkim.BoundedKeyResolver;
import dev.mailgateway.dkim.DkimKeyResolver;
import dev.mailgateway.dkim.DkimResult;
import dev.mailgateway.dkim.DkimVerifier;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Verifies inbound messages' DKIM signatures as the rendered OpenDKIM does in mode {@code sv}:
 * one {@code Authentication-Results} field named for the gateway's host (OpenDKIM's {@code
 * AuthservID}), none for an unsigned message (its {@code AlwaysAddARHeader no}), and the
 * fields a sender forged in the gateway's name removed ({@code RemoveARFrom}). All key lookups
 * of a message share one time budget; what is not answered in it is {@code temperror}.
 */
public final class AuthenticationResults {

  /** OpenDKIM's {@code DNSTimeout}, here for all of a message's lookups together. */
  public static final Duration BUDGET = Duration.ofSeconds(10);

  private final String authservId;
  private final DkimKeyResolver keys;
  private final Duration budget;
  private final int maximumSignatures;

  /**
   * A verifier for a gateway.
   *
   * @param authservId the gateway's host name, which its results carry
   * @param keys where key records come from: DNS
   * @param budget how long all of a message's key lookups may take together
   * @param maximumSignatures how many signatures are verified, top to bottom
   */
  public AuthenticationResults(String authservId, DkimKeyResolver keys, Duration budget,
      int maximumSignatures) {
    this.authservId = authservId;
    this.keys = keys;
    this.budget = budget;
    this.maximumSignatures = maximumSignatures;
  }

  /** The results of a message's signatures; one {@code none} for an unsigned message. */
  List<DkimResult> verify(InputStream message) {
    try {
      return new DkimVerifier(BoundedKeyResolver.of(keys, budget)).verify(message, maximumSignatures);
    } catch (IllegalArgumentException noHeaderBlock) {
      return List.of();
    }
  }

  /** The field to add for the results, without its line end; empty for an unsigned message. */
  Optional<String> field(List<DkimResult> results) {
    if (results.stream().allMatch(r -> r.status() == DkimResult.Status.NONE)) {
      return Optional.empty();
    }
    return Optional.of(DkimResult.authenticationResults(authservId, results));
  }

  /** Whether a header field is an Authentication-Results field in the gateway's name. */
  boolean claimsToBeOurs(String field) {
    int colon = field.indexOf(':');
    if (colon < 0 || !field.substring(0, colon).strip().equalsIgnoreCase("Authentication-Results")) {
      return false;
    }
    String value = withoutComments(field.substring(colon + 1)).strip();
    int end = 0;
    while (end < value.length() && value.charAt(end) != ';' && !Character.isWhitespace(value.charAt(end))) {
      end++;
    }
    return value.substring(0, end).toLowerCase(Locale.ROOT).equals(authservId.toLowerCase(Locale.ROOT));
  }

  /** The text with RFC 5322 comments, nested or not, taken out. */
  private static String withoutComments(String text) {
    StringBuilder out = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && depth > 0) {
        i++;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && depth > 0) {
        depth--;
      } else if (depth == 0) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
