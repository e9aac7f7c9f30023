package dev.mailgateway.junit;

import static dev.mailgateway.junit.MailGatewayAssertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The extension as a user's test would use it: an application sends mail through the gateway. */
class MailGatewayExtensionTest {

  @TempDir
  static Path keys;

  @RegisterExtension
  static MailGatewayExtension mail = MailGatewayExtension.with(policy -> policy
      .hostname("gateway.example.test")
      .trust("127.0.0.1/32")
      .dkim(dkim -> dkim.domains("example.com").keyDirectory(keys)));

  /** What an application does: submit a message over SMTP to the gateway. */
  private static void submit(String from, String to) throws Exception {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", mail.gateway().host());
    properties.put("mail.smtp.port", Integer.toString(mail.gateway().port()));
    properties.put("mail.smtp.connectiontimeout", "5000");
    properties.put("mail.smtp.timeout", "5000");
    Session session = Session.getInstance(properties);
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(from));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    message.setSubject("Your order");
    message.setText("Thank you.");
    try {
      Transport.send(message);
    } catch (jakarta.mail.SendFailedException refused) {
      // The assertions look at what the gateway did.
    }
  }

  @Test
  void anApplicationsMailIsRelayedWithAValidDkimSignature() throws Exception {
    submit("shop@example.com", "customer@elsewhere.example");

    assertThat(mail.delivered(1).get(0))
        .hasValidDkimSignature("example.com")
        .hasHeaderContaining("Subject", "Your order");
    assertThat(mail.gateway()).relayed("customer@elsewhere.example");
  }

  @Test
  void mailFromADomainWithoutKeyIsRelayedUnsigned() throws Exception {
    submit("someone@other.example", "customer@elsewhere.example");

    assertThat(mail.delivered(1).get(0)).isNotDkimSigned();
  }

  @Test
  void eachTestsQuarantineIsAFolderOfItsOwnThatOnlyItsOwnerReads() throws Exception {
    Path folder = mail.policy().contentFilter().quarantineDirectory();

    org.assertj.core.api.Assertions.assertThat(folder).isDirectory()
        .hasParentRaw(Path.of(System.getProperty("java.io.tmpdir")));
    org.assertj.core.api.Assertions.assertThat(java.nio.file.Files.getPosixFilePermissions(folder))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
  }
}
