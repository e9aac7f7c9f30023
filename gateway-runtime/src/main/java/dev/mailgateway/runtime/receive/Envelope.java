package dev.mailgateway.runtime.receive;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The envelope of one received message: who sent it from where, to whom, and what the session
 * established about the client.
 *
 * @param sender the MAIL FROM mailbox, empty for the null sender of a bounce
 * @param recipients the accepted RCPT TO mailboxes, in order
 * @param helo the name the client gave in EHLO or HELO
 * @param client the client's address
 * @param tls whether the session was encrypted
 * @param authenticated whether the client is trusted: in mynetworks or certificate-authenticated,
 *     the clients whose mail the gateway DKIM-signs
 */
public record Envelope(Optional<Mailbox> sender, List<Mailbox> recipients, String helo,
    InetAddress client, boolean tls, boolean authenticated) {

  /** Copies the recipients. */
  public Envelope {
    recipients = List.copyOf(recipients);
  }

  /** The same envelope for some of its recipients. */
  public Envelope forRecipients(List<Mailbox> some) {
    return new Envelope(sender, some, helo, client, tls, authenticated);
  }

  /** The sender as SMTP writes it: {@code <a@b>} or {@code <>}. */
  public String senderPath() {
    return "<" + sender.map(Mailbox::toString).orElse("") + ">";
  }
}
