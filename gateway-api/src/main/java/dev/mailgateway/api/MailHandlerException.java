package dev.mailgateway.api;

/** A {@link MailHandler}'s failure: temporary (deferred, retried) or permanent (bounced). */
public final class MailHandlerException extends Exception {

  private static final long serialVersionUID = 1L;

  private final boolean permanent;

  private MailHandlerException(String reason, boolean permanent) {
    super(reason);
    this.permanent = permanent;
  }

  /** The message is deferred and tried again later, with the reason in the queue and the log. */
  public static MailHandlerException temporary(String reason) {
    return new MailHandlerException(reason, false);
  }

  /** The message is bounced to its sender with the reason. */
  public static MailHandlerException permanent(String reason) {
    return new MailHandlerException(reason, true);
  }

  /** Whether retrying cannot help. */
  public boolean permanent() {
    return permanent;
  }
}
