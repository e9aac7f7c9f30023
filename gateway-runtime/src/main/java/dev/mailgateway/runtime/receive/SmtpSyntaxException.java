package dev.mailgateway.runtime.receive;

/** An SMTP command or path that breaks the grammar; answered with 501 5.1.3 or 501 5.5.4. */
public final class SmtpSyntaxException extends IllegalArgumentException {

  /** Creates the exception with what is wrong, in words a client's log can show. */
  public SmtpSyntaxException(String message) {
    super(message);
  }
}
