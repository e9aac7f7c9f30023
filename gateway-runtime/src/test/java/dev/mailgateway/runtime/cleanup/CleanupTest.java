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

  @org.junit.jupiter.api.io.TempDir
  java.nio.file.Path quarantine;
  final GatewayEvents events = new GatewayEvents(Clock.systemUTC());

  private Intake.Verdict run(boolean trusted, String... rules) throws IOException {
    return run(MESSAGE, trusted, rules);
  }

  private Intake.Verdict run(String message, boolean trusted, String... rules) throws IOException {
    Cleanup cleanup = new Cleanup("gateway.example.test",
        List.of(rules).stream().map(HeaderCheck::parse).toList(),
        Map.of(Fqdn.parse("example.com"), DkimSigner.of(Fqdn.parse("example.com"), "ed", KEY)),
        spool, events, Clock.systemUTC());
    try (Intake.Incoming incoming = cleanup.begin()) {
      incoming.content().write(message.getBytes(StandardCharsets.ISO_8859_1));
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
  void mailFromASubdomainIsSignedForItsSigningDomain() throws IOException {
    run(MESSAGE.replace("alice@example.com", "alice@news.example.com"), true);

    assertThat(queued()).startsWith("DKIM-Signature:").contains("d=example.com;", "s=ed;");
  }

  @Test
  void mailFromADomainThatOnlyEndsInTheSigningDomainsNameIsNotSigned() throws IOException {
    run(MESSAGE.replace("alice@example.com", "alice@badexample.com"), true);

    assertThat(queued()).doesNotContain("DKIM-Signature");
  }

  @Test
  void untrustedMailIsNotSignedButGetsAReceivedHeader() throws IOException {
    run(false);

    assertThat(queued()).doesNotContain("DKIM-Signature")
        .startsWith("Received: from client.example ([127.0.0.1])\r\n\tby gateway.example.test");
  }

  private Intake.Verdict scan(ContentScanner scanner,
      java.util.function.UnaryOperator<dev.mailgateway.api.ContentFilterBuilder> levels) throws IOException {
    return scan(scanner, levels, new Mailbox("bob", "elsewhere.example"));
  }

  private Intake.Verdict scan(ContentScanner scanner,
      java.util.function.UnaryOperator<dev.mailgateway.api.ContentFilterBuilder> levels,
      Mailbox... recipients) throws IOException {
    Cleanup cleanup = new Cleanup("gateway.example.test", List.of(), Map.of(), spool, events,
        Clock.systemUTC(), new ContentFiltering(Optional.of(scanner), dev.mailgateway.api.MailGateway.policy()
            .contentFilter(c -> levels.apply(c.quarantineDirectory(quarantine))).build().contentFilter(),
        List.of(dev.mailgateway.api.Fqdn.parse("elsewhere.example")), Optional.empty()));
    try (Intake.Incoming incoming = cleanup.begin()) {
      incoming.content().write(MESSAGE.getBytes(StandardCharsets.ISO_8859_1));
      return incoming.finish(new Envelope(Optional.of(new Mailbox("alice", "example.com")),
          List.of(recipients), "client.example", InetAddress.getLoopbackAddress(), false, false));
    }
  }

  private static ContentScanner reporting(ScanReport report) {
    return ReportingScanner.reporting(report);
  }

  private static ScanReport spam(String score) {
    return ScanReport.clean("test-scanner").and(
        ScanReport.scored(new java.math.BigDecimal(score), List.of("GTUBE")));
  }

  @Test
  void aLowScoreIsTaggedBecauseTheTagLevelIsUndefAndTheMessagePasses() throws IOException {
    scan(reporting(ScanReport.clean("test-scanner").and(
        ScanReport.scored(new java.math.BigDecimal("1.2"), List.of("BAYES_00")))), c -> c);

    assertThat(queued()).contains("X-Virus-Scanned: test-scanner at gateway.example.test")
        .contains("X-Spam-Status: No, score=1.2 tag=undef tag2=5 kill=20 tests=[BAYES_00]")
        .contains("Subject: Quarterly report");
  }

  @Test
  void fromTheTag2LevelOnTheMessageIsFlaggedAndItsSubjectTagged() throws IOException {
    scan(reporting(spam("7.5")), c -> c);

    assertThat(queued()).contains("X-Spam-Flag: YES").contains("X-Spam-Level: *******")
        .contains("Subject: ***SPAM*** Quarterly report");
  }

  @Test
  void aVirusIsQuarantinedByDefaultInAnOwnerOnlyFile() throws IOException {
    Intake.Verdict verdict = scan(reporting(ScanReport.infected("test-scanner", "Eicar-Signature")), c -> c);

    assertThat(verdict.accepted()).isTrue();
    assertThat(spool.entries()).isEmpty();
    java.nio.file.Path kept = quarantine.resolve("virus-" + verdict.reply().replaceAll(".* ", ""));
    assertThat(kept).exists();
    assertThat(java.nio.file.Files.readString(kept, StandardCharsets.ISO_8859_1))
        .startsWith("X-Envelope-From: <alice@example.com>\r\nX-Envelope-To: <bob@elsewhere.example>\r\n")
        .endsWith(MESSAGE);
    assertThat(java.nio.file.Files.getPosixFilePermissions(kept)).containsExactlyInAnyOrder(
        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    assertThat(events.all()).extracting(GatewayEvent::kind).contains(GatewayEvent.Kind.QUARANTINED);
  }

  @Test
  void aVirusWithTheDiscardDestinyLeavesNoCopy() throws IOException {
    scan(reporting(ScanReport.infected("test-scanner", "Eicar-Signature")), c -> c.virusDestiny("discard"));

    assertThat(spool.entries()).isEmpty();
    assertThat(quarantine).isEmptyDirectory();
    assertThat(events.all()).extracting(GatewayEvent::kind).contains(GatewayEvent.Kind.DISCARDED);
  }

  @Test
  void aVirusWithTheRejectDestinyIsRefusedAtTheEndOfData() throws IOException {
    Intake.Verdict verdict = scan(reporting(ScanReport.infected("test-scanner", "Eicar-Signature")),
        c -> c.virusDestiny("reject"));

    assertThat(verdict.reply()).isEqualTo("554 5.7.1 Rejected: virus Eicar-Signature found by test-scanner");
    assertThat(spool.entries()).isEmpty();
  }

  @Test
  void aVirusWithThePassDestinyIsDeliveredWithAnAlert() throws IOException {
    scan(reporting(ScanReport.infected("test-scanner", "Eicar-Signature")), c -> c.virusDestiny("pass"));

    assertThat(queued()).contains("X-Amavis-Alert: INFECTED, message contains virus: Eicar-Signature");
  }

  @Test
  void withVirusChecksOffAVirusReportIsIgnored() throws IOException {
    scan(reporting(ScanReport.infected("test-scanner", "Eicar-Signature")), c -> c.virusChecks(false));

    assertThat(spool.entries()).hasSize(1);
  }

  @Test
  void spamAtTheKillLevelGetsTheSpamDestiny() throws IOException {
    Intake.Verdict verdict = scan(reporting(spam("25")), c -> c.spamDestiny("reject"));

    assertThat(verdict.reply()).isEqualTo("554 5.7.1 Rejected: spam score 25 at or above the kill level 20");
  }

  @Test
  void spamBelowTheKillLevelPassesTaggedWhateverTheDestiny() throws IOException {
    scan(reporting(spam("19.9")), c -> c.spamDestiny("reject"));

    assertThat(queued()).contains("X-Spam-Flag: YES");
  }

  @Test
  void quarantinedSpamIsKeptUnderItsOwnPrefix() throws IOException {
    Intake.Verdict verdict = scan(reporting(spam("1000")), c -> c.spamDestiny("quarantine"));

    assertThat(quarantine.resolve("spam-" + verdict.reply().replaceAll(".* ", ""))).exists();
    assertThat(spool.entries()).isEmpty();
  }

  @Test
  void spamToARecipientThatIsNotLocalIsScoredButNotMarked() throws IOException {
    Cleanup cleanup = new Cleanup("gateway.example.test", List.of(), Map.of(), spool, events,
        Clock.systemUTC(), new ContentFiltering(Optional.of(reporting(spam("7.5"))),
        dev.mailgateway.api.MailGateway.policy().build().contentFilter(), List.of(), Optional.empty()));
    try (Intake.Incoming incoming = cleanup.begin()) {
      incoming.content().write(MESSAGE.getBytes(StandardCharsets.ISO_8859_1));
      incoming.finish(new Envelope(Optional.of(new Mailbox("alice", "example.com")),
          List.of(new Mailbox("bob", "elsewhere.example")), "client.example",
          InetAddress.getLoopbackAddress(), false, false));
    }

    assertThat(queued()).contains("X-Virus-Scanned").doesNotContain("X-Spam-Flag")
        .contains("Subject: Quarterly report");
  }

  @Test
  void spamToLocalAndOtherRecipientsIsQueuedAsAMarkedCopyAndAnUnmarkedOne() throws IOException {
    Mailbox local = new Mailbox("bob", "elsewhere.example");
    Mailbox other = new Mailbox("carol", "outside.example");

    Intake.Verdict verdict = scan(reporting(spam("7.5")), c -> c, local, other);

    assertThat(verdict.accepted()).isTrue();
    assertThat(spool.entries()).hasSize(2);
    for (var entry : spool.entries()) {
      String copy = new String(spool.open(entry.id()).readAllBytes(), StandardCharsets.ISO_8859_1);
      if (entry.recipients().equals(List.of(local))) {
        assertThat(copy).contains("X-Spam-Flag: YES").contains("Subject: ***SPAM*** Quarterly report");
      } else {
        assertThat(entry.recipients()).containsExactly(other);
        assertThat(copy).contains("X-Virus-Scanned").doesNotContain("X-Spam-Flag")
            .contains("Subject: Quarterly report").doesNotContain("***SPAM***");
      }
    }
  }

  @Test
  void cleanMailToLocalAndOtherRecipientsIsQueuedOnce() throws IOException {
    scan(reporting(ScanReport.clean("test-scanner")), c -> c, new Mailbox("bob", "elsewhere.example"),
        new Mailbox("carol", "outside.example"));

    assertThat(spool.entries()).singleElement()
        .satisfies(e -> assertThat(e.recipients()).hasSize(2));
  }

  @Test
  void aMessageTooLargeToScoreSaysSoInAHeader() throws IOException {
    scan(reporting(ScanReport.clean("test-scanner").and(ScanReport.skipped("too big"))), c -> c);

    assertThat(queued()).contains("X-Spam-Skipped: too big").doesNotContain("X-Spam-Status");
  }

  private static final ContentScanner DOWN = ReportingScanner.down();

  @Test
  void aScannerThatCannotDecideRefusesForNow() throws IOException {
    assertThat(scan(DOWN, c -> c).reply()).isEqualTo("451 4.7.1 Service unavailable - try again later");
    assertThat(spool.entries()).isEmpty();
  }

  @Test
  void aScannerThatCannotDecidePassesUnscannedWhenThePolicyFailsOpen() throws IOException {
    assertThat(scan(DOWN, c -> c.failOpen(true)).accepted()).isTrue();

    assertThat(spool.entries()).hasSize(1);
    assertThat(events.all()).anySatisfy(e -> assertThat(e.detail()).contains("unscanned: connection refused"));
  }
}
