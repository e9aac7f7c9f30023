package dev.mailgateway.runtime.scan;

import dev.mailgateway.runtime.EmbeddedGateway;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/** What an application does: submit a message to the gateway over SMTP; the gateway's reply. */
public final class Submission {

  private Submission() {}

  /** Sends and returns the final reply: {@code 250} when queued, else the refusal's code and text. */
  public static String send(EmbeddedGateway gateway, String subject, String body) throws MessagingException {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", gateway.host());
    properties.put("mail.smtp.port", Integer.toString(gateway.port()));
    properties.put("mail.smtp.connectiontimeout", "10000");
    properties.put("mail.smtp.timeout", "30000");
    Session session = Session.getInstance(properties);
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress("alice@example.com"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@elsewhere.example"));
    message.setSubject(subject);
    message.setText(body);
    try {
      Transport.send(message);
      return "250";
    } catch (SMTPSendFailedException refused) {
      return refused.getMessage().strip();
    }
  }
}
