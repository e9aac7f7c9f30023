package dev.mailgateway.api;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Who a message an application submits is from and for, as SMTP's MAIL FROM and RCPT TO name
 * them: the envelope, which need not match the message's From and To headers (a Bcc recipient
 * is in the envelope only). The addresses are checked when the message is submitted.
 *
 * @param sender the envelope sender; empty for the null sender of a bounce
 * @param recipients the envelope recipients, in order
 */
public record MailEnvelope(Optional<String> sender, List<String> recipients) {

  /** Copies the recipients. */
  public MailEnvelope {
    recipients = List.copyOf(recipients);
  }

  /**
   * An envelope from a sender to recipients.
   *
   * @param sender the sender's address; the empty string for the null sender
   */
  public static MailEnvelope of(String sender, String... recipients) {
    return of(sender, Arrays.asList(recipients));
  }

  /**
   * An envelope from a sender to recipients.
   *
   * @param sender the sender's address; the empty string for the null sender
   */
  public static MailEnvelope of(String sender, List<String> recipients) {
    return new MailEnvelope(sender.isEmpty() ? Optional.empty() : Optional.of(sender), recipients);
  }
}
