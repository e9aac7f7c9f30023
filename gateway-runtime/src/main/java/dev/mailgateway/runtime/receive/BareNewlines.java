package dev.mailgateway.runtime.receive;

import java.util.Locale;
import java.util.Map;

/**
 * Whether a message whose lines end in a bare LF is refused (SMTP smuggling), as the rendered
 * Postfix decides it: {@code smtpd_forbid_bare_newline = reject} unless the policy overrides
 * it, for every client but those {@code smtpd_forbid_bare_newline_exclusions} names
 * ({@code $mynetworks} unless overridden).
 *
 * @param forbidden whether bare newlines are refused at all
 * @param trustedExcluded whether trusted clients (and the application's own submissions,
 *     trusted as they are) may send them
 */
public record BareNewlines(boolean forbidden, boolean trustedExcluded) {

  /** What the renderer writes when the policy overrides neither parameter. */
  public static final BareNewlines RENDERED = new BareNewlines(true, true);

  /** The rule with the policy's overrides of the two parameters applied. */
  public static BareNewlines fromPostfix(Map<String, String> overrides) {
    String forbid = overrides.getOrDefault("smtpd_forbid_bare_newline", "reject").strip()
        .toLowerCase(Locale.ROOT);
    String exclusions = overrides.getOrDefault("smtpd_forbid_bare_newline_exclusions", "$mynetworks");
    // "normalize" (Postfix 3.9) takes the message and mends its line ends, as "no" takes it.
    boolean forbidden = !(forbid.equals("no") || forbid.equals("normalize"));
    return new BareNewlines(forbidden, exclusions.contains("mynetworks"));
  }

  /** Whether a message with bare newlines from such a client is refused. */
  public boolean refuses(boolean trusted) {
    return forbidden && !(trusted && trustedExcluded);
  }
}
