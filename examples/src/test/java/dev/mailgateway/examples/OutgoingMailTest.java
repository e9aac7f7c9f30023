package dev.mailgateway.examples;

import static dev.mailgateway.junit.MailGatewayAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgateway.junit.MailGatewayExtension;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JUnit test of an application's outgoing mail with the extension: the application's mail
 * goes through a gateway that signs it, to a GreenMail server the assertions read.
 */
class OutgoingMailTest {

  @TempDir
  static Path keys;

  @RegisterExtension
  static MailGatewayExtension mail = MailGatewayExtension.with(policy -> policy
      .trust("127.0.0.1/32")
      .dkim(dkim -> dkim.domains("example.com").keyDirectory(keys)));

  /** What the application under test does: mail a customer through its SMTP relay. */
  private static void sendReceipt(String fromAddress, String customer) throws MessagingException {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", mail.gateway().host());
    properties.put("mail.smtp.port", Integer.toString(mail.gateway().port()));
    properties.put("mail.smtp.localaddress", fromAddress);
    MimeMessage message = new MimeMessage(Session.getInstance(properties));
    message.setFrom(new InternetAddress("shop@example.com"));
    message.setRecipients(Message.RecipientType.TO, customer);
    message.setSubject("Your receipt");
    message.setText("Thank you.");
    Transport.send(message);
  }

  @Test
  void aReceiptIsRelayedSigned() throws Exception {
    sendReceipt("127.0.0.1", "customer@elsewhere.example");

    assertThat(mail.gateway()).relayed("customer@elsewhere.example");
    assertThat(mail.delivered(1).get(0)).hasValidDkimSignature("example.com");
  }

  @Test
  void aHostOutsideTheTrustedNetworksCannotRelay() {
    assertThatThrownBy(() -> sendReceipt("127.0.0.2", "customer@elsewhere.example"))
        .isInstanceOf(SendFailedException.class);

    assertThat(mail.gateway()).rejected("customer@elsewhere.example").withCode(554);
  }
}
