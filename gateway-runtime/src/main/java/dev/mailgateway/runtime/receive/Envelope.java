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
 * @param submitted whether the application submitted it in-process rather than over SMTP, as
 *     Postfix's pickup takes mail from sendmail: there is no client and no HELO
 * @param certificate the SHA-256 fingerprint of the client's TLS certificate, if it presented
 *     one ({@code ccert_fingerprint})
 */
public record Envelope(Optional<Mailbox> sender, List<Mailbox> recipients, String helo,
    InetAddress client, boolean tls, boolean authenticated, boolean submitted,
    Optional<String> certificate) {

  /** Copies the recipients. */
  public Envelope {
    recipients = List.copyOf(recipients);
  }

  /** The envelope of a message received over SMTP, without a client certificate. */
  public Envelope(Optional<Mailbox> sender, List<Mailbox> recipients, String helo,
      InetAddress client, boolean tls, boolean authenticated) {
    this(sender, recipients, helo, client, tls, authenticated, false, Optional.empty());
  }

  /** The envelope of a message the application submitted: trusted, as a local sendmail's. */
  public static Envelope submitted(Optional<Mailbox> sender, List<Mailbox> recipients) {
    return new Envelope(sender, recipients, "", InetAddress.getLoopbackAddress(), false, true, true,
        Optional.empty());
  }

  /** The same envelope with the fingerprint of the client's certificate. */
  public Envelope withCertificate(Optional<String> fingerprint) {
    return new Envelope(sender, recipients, helo, client, tls, authenticated, submitted, fingerprint);
  }

  /** The same envelope for some of its recipients. */
  public Envelope forRecipients(List<Mailbox> some) {
    return new Envelope(sender, some, helo, client, tls, authenticated, submitted, certificate);
  }

  /** The sender as SMTP writes it: {@code <a@b>} or {@code <>}. */
  public String senderPath() {
    return "<" + sender.map(Mailbox::toString).orElse("") + ">";
  }
}
