package dev.mailgateway.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A gateway running in this process; closing it stops it (the queue stays, if on disk). */
public interface RunningGateway extends AutoCloseable {

  /** The address it listens on. */
  String host();

  /** The port it listens on. */
  int port();

  /** Its queue, for listing and for the operations of Postfix's queue tools. */
  MailQueue queue();

  /**
   * Queues a message from this application, as Postfix queues mail from its local {@code
   * sendmail}: no SMTP, the application counted as a trusted client. The message goes through
   * cleanup (header checks, the content filter, DKIM signing) and is on disk, synced, when this
   * returns; delivery follows, with retries and bounces as for any message. Lines may end in
   * CRLF, LF or CR, as sendmail takes them; they are queued with CRLF.
   *
   * @param content writes the message (RFC 5322 headers and body); it is streamed to the queue,
   *     never held in memory whole
   * @return the queue id
   * @throws MessageRefusedException if the envelope is invalid (no recipient, an address that
   *     is not one), the message is over the policy's size limit, or the policy refuses it;
   *     nothing is queued
   * @throws IOException if the content cannot be read or the queue cannot be written; nothing
   *     is queued
   */
  String submit(MailEnvelope envelope, Content content) throws IOException;

  /**
   * Queues a message read from a stream; see {@link #submit(MailEnvelope, Content)}.
   *
   * @param message the message's bytes, read to its end and not closed
   */
  default String submit(MailEnvelope envelope, InputStream message) throws IOException {
    return submit(envelope, message::transferTo);
  }

  /**
   * Queues a Jakarta Mail message for an envelope; see {@link #submit(MailEnvelope, Content)}.
   * Its {@code Bcc} header is left out, as Jakarta Mail's SMTP transport leaves it out.
   */
  default String submit(MailEnvelope envelope, jakarta.mail.internet.MimeMessage message)
      throws IOException {
    return submit(envelope, out -> {
      try {
        message.writeTo(out, new String[] {"Bcc", "Content-Length"});
      } catch (jakarta.mail.MessagingException e) {
        throw new IOException("the message cannot be written: " + e.getMessage(), e);
      }
    });
  }

  /**
   * Queues a Jakarta Mail message for the envelope its headers give, as {@code
   * Transport.send} does: from its first {@code From} address (or {@code Sender}), to every
   * {@code To}, {@code Cc} and {@code Bcc} address.
   */
  default String submit(jakarta.mail.internet.MimeMessage message) throws IOException {
    try {
      jakarta.mail.Address[] from = message.getFrom();
      jakarta.mail.Address[] to = message.getAllRecipients();
      String sender = from != null && from.length > 0
          && from[0] instanceof jakarta.mail.internet.InternetAddress first ? first.getAddress() : "";
      java.util.List<String> recipients = new java.util.ArrayList<>();
      for (jakarta.mail.Address address : to == null ? new jakarta.mail.Address[0] : to) {
        if (address instanceof jakarta.mail.internet.InternetAddress mailbox) {
          recipients.add(mailbox.getAddress());
        }
      }
      return submit(MailEnvelope.of(sender, recipients), message);
    } catch (jakarta.mail.MessagingException e) {
      throw new MessageRefusedException("the message's addresses cannot be read: "
          + e.getMessage(), "501 5.1.7 Bad address syntax");
    }
  }

  /** Stops accepting, lets the sessions in flight finish, stops delivering. */
  @Override
  void close();

  /** A message's content, written to where the gateway queues it. */
  @FunctionalInterface
  interface Content {

    /** Writes the whole message. */
    void writeTo(OutputStream out) throws IOException;
  }
}
