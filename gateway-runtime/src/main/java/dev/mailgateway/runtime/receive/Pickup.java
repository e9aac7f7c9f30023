package dev.mailgateway.runtime.receive;

import dev.mailgateway.api.MailEnvelope;
import dev.mailgateway.api.MessageRefusedException;
import dev.mailgateway.api.RunningGateway;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes a message the application hands over in-process, as Postfix's pickup takes what its
 * sendmail drops: the envelope checked as SMTP would check it, the lines made CRLF, the size
 * limit applied, then cleanup and the queue as for a trusted SMTP client. Nothing is queued
 * unless all of it was.
 */
public final class Pickup {

  private final Intake intake;
  private final long sizeLimit;
  private final boolean refuseBareNewlines;

  /**
   * A pickup into cleanup.
   *
   * @param sizeLimit {@code message_size_limit}, in bytes as queued
   * @param refuseBareNewlines whether a line ending in a bare LF or CR is refused rather than
   *     made CRLF: when the policy refuses bare newlines even from trusted clients, whose trust
   *     the application's own mail has ({@code smtpd_forbid_bare_newline_exclusions} without
   *     {@code $mynetworks})
   */
  public Pickup(Intake intake, long sizeLimit, boolean refuseBareNewlines) {
    this.intake = intake;
    this.sizeLimit = sizeLimit;
    this.refuseBareNewlines = refuseBareNewlines;
  }

  /**
   * Queues a message.
   *
   * @return its queue id
   * @throws MessageRefusedException for an invalid envelope, a message over the size limit, or
   *     one the policy refuses
   */
  public String submit(MailEnvelope envelope, RunningGateway.Content message) throws IOException {
    Envelope checked = check(envelope);
    try (Intake.Incoming incoming = intake.begin()) {
      CrlfLines lines;
      try (OutputStream content = incoming.content()) {
        lines = new CrlfLines(content, sizeLimit);
        message.writeTo(lines);
        lines.finish();
      }
      if (refuseBareNewlines && lines.firstBareNewline().isPresent()) {
        throw new MessageRefusedException("line " + lines.firstBareNewline().getAsLong()
            + " ends in a bare LF or CR, which the policy refuses even from trusted clients"
            + " (smtpd_forbid_bare_newline, smtpd_forbid_bare_newline_exclusions)",
            "550 5.5.2 Error: bare <LF> received");
      }
      if (lines.tooLarge()) {
        throw new MessageRefusedException("the message is " + lines.size() + " bytes with CRLF"
            + " line ends, over message_size_limit (" + sizeLimit + ")",
            "552 5.3.4 Message size exceeds fixed limit");
      }
      Intake.Verdict verdict = incoming.finish(checked);
      if (!verdict.accepted()) {
        throw new MessageRefusedException("the policy refuses the message: " + verdict.reply(),
            verdict.reply());
      }
      return verdict.queueId().orElseThrow(
          () -> new IllegalStateException("cleanup took a message without a queue id"));
    }
  }

  /** The envelope as SMTP would take it, or every problem with it. */
  private static Envelope check(MailEnvelope envelope) {
    List<String> problems = new ArrayList<>();
    String reply = "";
    Optional<Mailbox> sender = Optional.empty();
    if (envelope.sender().isPresent()) {
      try {
        sender = SmtpPath.parse(path(envelope.sender().get()));
      } catch (SmtpSyntaxException e) {
        problems.add("the sender '" + envelope.sender().get() + "' is not an address: "
            + e.getMessage());
        reply = "501 5.1.7 Bad sender address syntax";
      }
    }
    if (envelope.recipients().isEmpty()) {
      problems.add("the envelope has no recipient");
      reply = reply.isEmpty() ? "554 5.5.1 Error: no valid recipients" : reply;
    }
    List<Mailbox> recipients = new ArrayList<>();
    for (int i = 0; i < envelope.recipients().size(); i++) {
      String recipient = envelope.recipients().get(i);
      try {
        Optional<Mailbox> mailbox = SmtpPath.parse(path(recipient));
        if (mailbox.isEmpty()) {
          throw new SmtpSyntaxException("a recipient cannot be the null address <>");
        }
        recipients.add(mailbox.get());
      } catch (SmtpSyntaxException e) {
        problems.add("recipients[" + i + "] '" + recipient + "' is not an address: "
            + e.getMessage());
        reply = reply.isEmpty() ? "501 5.1.3 Bad recipient address syntax" : reply;
      }
    }
    if (!problems.isEmpty()) {
      throw new MessageRefusedException("nothing queued: " + String.join("; ", problems), reply);
    }
    return Envelope.submitted(sender, recipients);
  }

  /** An address as SMTP writes it: in angle brackets, which the caller may have written. */
  private static String path(String address) {
    return address.startsWith("<") && address.endsWith(">") ? address : "<" + address + ">";
  }
}
