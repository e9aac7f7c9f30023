package dev.mailgateway.api;

/**
 * A message the gateway did not take: its envelope is invalid, it is too large, or the policy
 * refuses it (a header check, a virus). Nothing of it was queued.
 */
public final class MessageRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String reply;

  /**
   * A refusal.
   *
   * @param message what is wrong, naming the address or the limit
   * @param reply the SMTP reply an SMTP client would have had for the same message
   */
  public MessageRefusedException(String message, String reply) {
    super(message);
    this.reply = reply;
  }

  /** The SMTP reply an SMTP client would have had, such as {@code 552 5.3.4 Message size exceeds fixed limit}. */
  public String reply() {
    return reply;
  }
}
