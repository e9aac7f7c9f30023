package dev.mailgateway.dns;

import java.io.Serial;

/** A lookup that gave no answer: for now (a timeout, SERVFAIL), or for good (a malformed name). */
public final class DnsException extends Exception {

  @Serial
  private static final long serialVersionUID = 1L;

  private final boolean temporary;

  DnsException(String message, boolean temporary) {
    super(message);
    this.temporary = temporary;
  }

  /** Whether a later try may succeed. */
  public boolean isTemporary() {
    return temporary;
  }
}
