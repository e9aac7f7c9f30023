package dev.mailgateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgateway.api.Fqdn;
import dev.mailgateway.api.GatewayOptions;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailEnvelope;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.api.MessageRefusedException;
import dev.mailgateway.api.PolicyBuilder;
import dev.mailgateway.api.QueuedMessage;
import dev.mailgateway.config.ProgramRun;
import dev.mailgateway.config.RealPeers;
import dev.mailgateway.dkim.DkimKeyStore;
import dev.mailgateway.dkim.DkimVerifier;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * An application hands messages to the gateway in-process (RunningGateway.submit), as a local
 * sendmail hands them to Postfix: checked, cleaned up, signed, synced, then delivered.
 */
class SubmitTest extends GatewayToSinkTest {

  private static final String MESSAGE = "From: Alice <alice@example.com>\r\n"
      + "To: Bob <bob@elsewhere.example>\r\nSubject: from the application\r\n"
      + "Message-ID: <app-1@example.com>\r\n\r\nHello from the application.\r\n";

  private EmbeddedGateway start(UnaryOperator<PolicyBuilder> more) {
    return start(more, GatewayOptions.forTests());
  }

  private EmbeddedGateway start(UnaryOperator<PolicyBuilder> more, GatewayOptions options) {
    gateway = EmbeddedGateway.start(policy(more), options);
    return gateway;
  }

  private GatewayPolicy policy(UnaryOperator<PolicyBuilder> more) {
    return more.apply(MailGateway.policy()
        .hostname("gateway.example.test")
        .trust("127.0.0.1/32")
        .relayHost("[127.0.0.1]:" + sink.port())
        .withoutContentFilter()).build();
  }

  private static InputStream bytes(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private String delivered() throws Exception {
    return sink.firstMessage(gateway.events().all());
  }

  @Test
  void aSubmittedMessageIsDeliveredToItsEnvelopeRecipients() throws Exception {
    start(b -> b);

    String id = gateway.submit(MailEnvelope.of("alice@example.com", "bob@elsewhere.example"),
        bytes(MESSAGE));

    assertThat(id).isNotBlank();
    assertThat(delivered()).contains("Hello from the application.")
        .contains("Received: by gateway.example.test (Mail Gateway Toolkit, from the application)")
        .contains("id " + id);
  }

  @Test
  void aSubmittedMessageIsSignedAsATrustedClientsIsAndMailDkimVerifiesIt() throws Exception {
    GatewayPolicy policy = policy(b -> b.dkim(d -> d.domains("example.com")
        .keyDirectory(dir.resolve("keys"))));
    gateway = EmbeddedGateway.start(policy, GatewayOptions.forTests());

    gateway.submit(MailEnvelope.of("alice@example.com", "bob@elsewhere.example"), bytes(MESSAGE));
    String dump = delivered();
    byte[] message = dump.substring(dump.indexOf("DKIM-Signature:"))
        .getBytes(StandardCharsets.ISO_8859_1);

    Path records = Files.writeString(dir.resolve("records"), "default._domainkey.example.com "
        + DkimKeyStore.of(policy.dkim().orElseThrow()).record(Fqdn.parse("example.com")).value() + "\n");
    Path script = dir.resolve("verify.pl");
    try (InputStream in = DkimVerifier.class.getResourceAsStream("mail-dkim-verify.pl")) {
      Files.copy(in, script);
    }
    Path signed = Files.write(dir.resolve("delivered.eml"), message);
    ProgramRun verdict = RealPeers.run("sh", "-c", "perl " + script + " " + records + " < " + signed);
    assertThat(verdict.output()).contains("overall: pass");
  }

  @Test
  void linesEndingInLfOrCrAreDeliveredAsLines() throws Exception {
    start(b -> b);

    gateway.submit(MailEnvelope.of("alice@example.com", "bob@elsewhere.example"),
        bytes("From: alice@example.com\nSubject: unix\n\nline one\rline two\r\nlast line without end"));

    // smtp-sink writes its dumps with LF; CrlfLinesTest shows the bytes queued.
    assertThat(delivered()).contains("Subject: unix\n\nline one\nline two\nlast line without end\n");
  }

  @Test
  void aBareLineFeedIsRefusedWhereThePolicyRefusesItEvenFromTrustedClients() throws Exception {
    start(b -> b.postfix("smtpd_forbid_bare_newline_exclusions", ""));

    assertThatThrownBy(() -> gateway.submit(MailEnvelope.of("alice@example.com",
        "bob@elsewhere.example"), bytes("From: alice@example.com\r\nSubject: x\r\n\r\nsmuggled\n.\r\n")))
        .isInstanceOf(MessageRefusedException.class)
        .hasMessageContaining("line 4 ends in a bare LF or CR")
        .extracting(e -> ((MessageRefusedException) e).reply())
        .isEqualTo("550 5.5.2 Error: bare <LF> received");
    assertThat(gateway.queue().list()).isEmpty();
  }

  @Test
  void aMimeMessageIsSubmittedToItsRecipientsWithoutItsBccHeader() throws Exception {
    start(b -> b);
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    message.setFrom(new InternetAddress("alice@example.com"));
    message.setRecipient(Message.RecipientType.BCC, new InternetAddress("hidden@elsewhere.example"));
    message.setSubject("blind copy");
    message.setText("Hello\nfrom Jakarta Mail.");

    gateway.submit(message);

    String dump = delivered();
    assertThat(dump).contains("hidden@elsewhere.example").contains("Subject: blind copy")
        .contains("Hello\nfrom Jakarta Mail.").doesNotContain("Bcc:");
  }

  @Test
  void theMessageIsOnDiskWhenSubmitReturnsAndSurvivesARestart() throws Exception {
    sink.close();
    Path spool = dir.resolve("spool");
    start(b -> b, GatewayOptions.forTests().spooledIn(spool));

    String id = gateway.submit(MailEnvelope.of("alice@example.com", "bob@elsewhere.example"),
        bytes(MESSAGE));
    gateway.close();
    gateway = null;

    sink = SmtpSink.start(Files.createDirectories(dir.resolve("after")), List.of(), sink.port());
    start(b -> b, GatewayOptions.forTests().spooledIn(spool));
    assertThat(gateway.queue().list()).extracting(QueuedMessage::id).containsExactly(id);
    gateway.queue().flush();
    assertThat(delivered()).contains("Hello from the application.");
  }

  @Test
  void anEnvelopeWithoutRecipientsIsRefusedAndNothingIsQueued() throws Exception {
    start(b -> b);

    assertThatThrownBy(() -> gateway.submit(MailEnvelope.of("alice@example.com"), bytes(MESSAGE)))
        .isInstanceOf(MessageRefusedException.class)
        .hasMessageContaining("the envelope has no recipient");
    assertThat(gateway.queue().list()).isEmpty();
  }

  @Test
  void everyInvalidAddressIsNamedWithItsPlace() throws Exception {
    start(b -> b);

    assertThatThrownBy(() -> gateway.submit(MailEnvelope.of("alice@@example.com",
        "bob@elsewhere.example", "carol", "dave@exa mple.com"), bytes(MESSAGE)))
        .isInstanceOf(MessageRefusedException.class)
        .hasMessageContaining("the sender 'alice@@example.com'")
        .hasMessageContaining("recipients[1] 'carol'")
        .hasMessageContaining("recipients[2] 'dave@exa mple.com'")
        .extracting(e -> ((MessageRefusedException) e).reply())
        .isEqualTo("501 5.1.7 Bad sender address syntax");
    assertThat(gateway.queue().list()).isEmpty();
  }

  @Test
  void aMessageOverTheSizeLimitIsRefusedWithoutBeingHeldInMemoryAndNothingIsQueued() throws Exception {
    start(b -> b.postfix("message_size_limit", "100000"));
    InputStream twentyMegabytes = new InputStream() {
      private long left = 20_000_000;

      @Override
      public int read() {
        return left-- > 0 ? (left % 78 == 0 ? '\n' : 'x') : -1;
      }
    };

    assertThatThrownBy(() -> gateway.submit(MailEnvelope.of("alice@example.com",
        "bob@elsewhere.example"), twentyMegabytes))
        .isInstanceOf(MessageRefusedException.class)
        .hasMessageContaining("over message_size_limit (100000)")
        .extracting(e -> ((MessageRefusedException) e).reply())
        .isEqualTo("552 5.3.4 Message size exceeds fixed limit");
    assertThat(gateway.queue().list()).isEmpty();
  }

  @Test
  void aHeaderCheckRejectRefusesTheSubmissionWithItsReply() throws Exception {
    start(b -> b.headerCheck("/^Subject:.*forbidden/ REJECT no thanks"));

    assertThatThrownBy(() -> gateway.submit(MailEnvelope.of("alice@example.com",
        "bob@elsewhere.example"), bytes("From: alice@example.com\r\nSubject: forbidden\r\n\r\nx\r\n")))
        .isInstanceOf(MessageRefusedException.class)
        .hasMessageContaining("no thanks");
    assertThat(gateway.queue().list()).isEmpty();
  }

  @Test
  void theMailLogSaysPickupTookItAsPostfixLogsSendmailsMail() throws Exception {
    start(b -> b);

    String id = gateway.submit(MailEnvelope.of("alice@example.com", "bob@elsewhere.example"),
        bytes(MESSAGE));

    StringBuilder log = new StringBuilder();
    dev.mailgateway.runtime.log.PostfixLogFormat format =
        new dev.mailgateway.runtime.log.PostfixLogFormat("gateway.example.test", java.time.ZoneOffset.UTC);
    gateway.events().all().stream().filter(e -> e.queueId().equals(id))
        .forEach(e -> format.append(e, log));
    assertThat(log.toString()).containsPattern("postfix/pickup\\[\\d+\\]: " + id
        + ": uid=\\d+ from=<alice@example.com>").doesNotContain("client=");
  }
}
