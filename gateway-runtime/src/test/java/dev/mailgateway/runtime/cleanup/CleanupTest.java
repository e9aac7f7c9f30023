package dev.mailgateway.runtime.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.DkimAlgorithm;
import dev.mailgateway.api.Fqdn;
import dev.mailgateway.api.HeaderCheck;
import dev.mailgateway.dkim.DkimKey;
import dev.mailgateway.dkim.DkimRecord;
import dev.mailgateway.dkim.DkimSigner;
import dev.mailgateway.dkim.DkimVerifier;
import dev.mailgateway.dkim.InMemoryKeyResolver;
import dev.mailgateway.runtime.GatewayEvent;
import dev.mailgateway.runtime.GatewayEvents;
import dev.mailgateway.runtime.queue.MemorySpool;
import dev.mailgateway.runtime.receive.Envelope;
import dev.mailgateway.runtime.receive.Intake;
import dev.mailgateway.runtime.receive.Mailbox;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Header checks with Postfix's regexp table semantics, the Received header, signing. */
class CleanupTest {

  static final String MESSAGE = "From: Alice <alice@example.com>\r\nTo: bob@elsewhere.example\r\n"
      + "Subject: Quarterly report\r\nX-Mailer: Spammy 1.0\r\n\r\nHello\r\n";
  static final DkimKey KEY = DkimKey.generate(DkimAlgorithm.ED25519);

  final MemorySpool spool = new MemorySpool(Clock.systemUTC());
  final GatewayEvents events = new GatewayEvents(Clock.systemUTC());

  private Intake.Verdict run(boolean trusted, String... rules) throws IOException {
    Cleanup cleanup = new Cleanup("gateway.example.test",
        List.of(rules).stream().map(HeaderCheck::parse).toList(),
        Map.of(Fqdn.parse("example.com"), DkimSigner.of(Fqdn.parse("example.com"), "ed", KEY)),
        spool, events, Clock.systemUTC());
    try (Intake.Incoming incoming = cleanup.begin()) {
      incoming.content().write(MESSAGE.getBytes(StandardCharsets.ISO_8859_1));
      return incoming.finish(new Envelope(Optional.of(new Mailbox("alice", "example.com")),
          List.of(new Mailbox("bob", "elsewhere.example")), "client.example",
          InetAddress.getLoopbackAddress(), false, trusted));
    }
  }

  private String queued() throws IOException {
    return new String(spool.open(spool.entries().get(0).id()).readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void rejectRefusesTheMessageWithItsText() throws IOException {
    assertThat(run(false, "/^Subject: quarterly/ REJECT no reports here").reply())
        .isEqualTo("550 5.7.1 no reports here");
    assertThat(spool.entries()).isEmpty();
  }

  @Test
  void discardAcceptsAndDropsTheMessage() throws IOException {
    assertThat(run(false, "/^X-Mailer: Spammy/ DISCARD").accepted()).isTrue();
    assertThat(spool.entries()).isEmpty();
    assertThat(events.all()).extracting(GatewayEvent::kind).contains(GatewayEvent.Kind.DISCARDED);
  }

  @Test
  void ignoreRemovesTheHeader() throws IOException {
    run(false, "/^X-Mailer:/ IGNORE");

    assertThat(queued()).doesNotContain("X-Mailer").contains("Subject: Quarterly report\r\n\r\nHello");
  }

  @Test
  void replaceAndPrependRewriteHeaders() throws IOException {
    run(false, "/^X-Mailer:/ REPLACE X-Mailer: hidden", "/^Subject:/ PREPEND X-Seen: yes");

    assertThat(queued()).contains("X-Seen: yes\r\nSubject: Quarterly report\r\nX-Mailer: hidden\r\n\r\nHello\r\n");
  }

  @Test
  void theFirstMatchingRuleActsAndMatchingIsCaseInsensitive() throws IOException {
    run(false, "/^subject: QUARTERLY/ WARN seen", "/^Subject:/ REJECT never reached");

    assertThat(events.all()).extracting(GatewayEvent::kind).contains(GatewayEvent.Kind.WARNED)
        .doesNotContain(GatewayEvent.Kind.REJECTED);
  }

  @Test
  void trustedMailIsSignedAfterTheHeadersWereRewritten() throws IOException {
    run(true, "/^X-Mailer:/ REPLACE X-Mailer: hidden");
    byte[] message = queued().getBytes(StandardCharsets.ISO_8859_1);

    assertThat(new DkimVerifier(InMemoryKeyResolver.empty()
        .with("ed", "example.com", DkimRecord.of(KEY, true, false)))
        .verify(new ByteArrayInputStream(message))).allMatch(r -> r.passed());
  }

  @Test
  void untrustedMailIsNotSignedButGetsAReceivedHeader() throws IOException {
    run(false);

    assertThat(queued()).doesNotContain("DKIM-Signature")
        .startsWith("Received: from client.example ([127.0.0.1])\r\n\tby gateway.example.test");
  }

  private Intake.Verdict scan(ContentScanner scanner, boolean failOpen,
      java.util.function.UnaryOperator<dev.mailgateway.api.ContentFilterBuilder> levels) throws IOException {
    Cleanup cleanup = new Cleanup("gateway.example.test", List.of(), Map.of(), spool, events,
        Clock.systemUTC(), Optional.of(scanner),
        dev.mailgateway.api.MailGateway.policy().contentFilter(levels::apply).build().contentFilter(),
        failOpen);
    try (Intake.Incoming incoming = cleanup.begin()) {
      incoming.content().write(MESSAGE.getBytes(StandardCharsets.ISO_8859_1));
      return incoming.finish(new Envelope(Optional.of(new Mailbox("alice", "example.com")),
          List.of(new Mailbox("bob", "elsewhere.example")), "client.example",
          InetAddress.getLoopbackAddress(), false, false));
    }
  }

  /** A scanner double: a unit test of the stage; the real scanners are proven with clamd and spamd. */
  private static ContentScanner reporting(ScanReport report) {
    return new ContentScanner() {
      @Override
      public String name() {
        return "test-scanner";
      }

      @Override
      public ScanReport scan(java.io.InputStream message) throws IOException {
        message.readAllBytes();
        return report;
      }
    };
  }

  @Test
  void aLowScoreIsTaggedBecauseTheTagLevelIsUndefAndTheMessagePasses() throws IOException {
    scan(reporting(ScanReport.scored(new java.math.BigDecimal("1.2"), List.of("BAYES_00"))), false, c -> c);

    assertThat(queued()).contains("X-Virus-Scanned: test-scanner at gateway.example.test")
        .contains("X-Spam-Status: No, score=1.2 tag=undef tag2=5 kill=20 tests=[BAYES_00]")
        .contains("Subject: Quarterly report");
  }

  @Test
  void fromTheTag2LevelOnTheMessageIsFlaggedAndItsSubjectTagged() throws IOException {
    scan(reporting(ScanReport.scored(new java.math.BigDecimal("7.5"), List.of("GTUBE"))), false, c -> c);

    assertThat(queued()).contains("X-Spam-Flag: YES").contains("X-Spam-Level: *******")
        .contains("Subject: ***SPAM*** Quarterly report");
  }

  @Test
  void aVirusIsDiscarded() throws IOException {
    assertThat(scan(reporting(ScanReport.infected("Eicar-Signature")), false, c -> c).accepted()).isTrue();

    assertThat(spool.entries()).isEmpty();
    assertThat(events.all()).extracting(GatewayEvent::kind).contains(GatewayEvent.Kind.DISCARDED);
  }

  @Test
  void withVirusChecksOffAVirusReportIsIgnored() throws IOException {
    scan(reporting(ScanReport.infected("Eicar-Signature")), false, c -> c.virusChecks(false));

    assertThat(spool.entries()).hasSize(1);
  }

  @Test
  void aScannerThatCannotDecideRefusesForNowUnlessFailOpen() throws IOException {
    ContentScanner down = new ContentScanner() {
      @Override
      public String name() {
        return "down";
      }

      @Override
      public ScanReport scan(java.io.InputStream message) throws IOException {
        throw new java.net.ConnectException("connection refused");
      }
    };

    assertThat(scan(down, false, c -> c).reply()).isEqualTo("451 4.7.1 Service unavailable - try again later");
    assertThat(scan(down, true, c -> c).accepted()).isTrue();
  }
}
