package dev.mailgateway.api;

/**
 * A TLS security level: Postfix's {@code smtpd_tls_security_level} (inbound) and {@code
 * smtp_tls_security_level} (outbound). Inbound, Postfix knows only {@code none}, {@code may} and
 * {@code encrypt}.
 */
public enum SecurityLevel {
  /** No TLS. */
  NONE("none", true),
  /** Opportunistic TLS. */
  MAY("may", true),
  /** Mandatory TLS, any certificate. */
  ENCRYPT("encrypt", true),
  /** Opportunistic DANE (outbound). */
  DANE("dane", false),
  /** Mandatory DANE (outbound). */
  DANE_ONLY("dane-only", false),
  /** Certificate fingerprint verification (outbound). */
  FINGERPRINT("fingerprint", false),
  /** Mandatory server certificate verification (outbound). */
  VERIFY("verify", false),
  /** Secure-channel TLS (outbound). */
  SECURE("secure", false);

  private final String postfixName;
  private final boolean inbound;

  SecurityLevel(String postfixName, boolean inbound) {
    this.postfixName = postfixName;
    this.inbound = inbound;
  }

  /**
   * Parses Postfix's name of a level.
   *
   * @throws IllegalArgumentException naming the levels Postfix knows
   */
  public static SecurityLevel parse(String text) {
    return NamedConstants.parse(text, values(), (l, word) -> l.postfixName.equals(word),
        l -> l.postfixName, "a TLS security level; Postfix knows");
  }

  /** Whether Postfix's SMTP server accepts this level. */
  public boolean appliesToInbound() {
    return inbound;
  }

  /** Postfix's name of the level. */
  public String postfixName() {
    return postfixName;
  }

  @Override
  public String toString() {
    return postfixName;
  }
}
