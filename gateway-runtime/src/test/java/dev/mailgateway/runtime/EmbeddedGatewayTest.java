package dev.mailgateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailgateway.api.GatewayOptions;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.api.PolicyBuilder;
import dev.mailgateway.api.RunningGateway;
import dev.mailgateway.config.ProgramRun;
import dev.mailgateway.config.RealPeers;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The runtime end to end: real SMTP clients in front (swaks, raw sockets), GreenMail behind. */
class EmbeddedGatewayTest {

  static final String TRUSTED = "127.0.0.1";
  static final String UNTRUSTED = "127.0.0.2";
  /** A message with a line that ends in a bare LF, as SMTP smuggling sends it. */
  static final String BARE_LINE_FEED = "EHLO client.example\r\nMAIL FROM:<alice@example.com>\r\n"
      + "RCPT TO:<bob@relay.example.test>\r\nDATA\r\nSubject: x\r\n\r\nbare\nline\r\n.\r\nQUIT\r\n";

  @RegisterExtension
  static GreenMailExtension downstream = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir
  Path dir;
  final List<RunningGateway> started = new ArrayList<>();

  @AfterEach
  void stop() {
    started.forEach(RunningGateway::close);
  }

  private EmbeddedGateway start(UnaryOperator<PolicyBuilder> more) {
    return start(more, GatewayOptions.forTests());
  }

  private EmbeddedGateway start(UnaryOperator<PolicyBuilder> more, GatewayOptions options) {
    return start(more, options, EmbeddedGateway.Parts.defaults());
  }

  private EmbeddedGateway start(UnaryOperator<PolicyBuilder> more, GatewayOptions options,
      EmbeddedGateway.Parts parts) {
    GatewayPolicy policy = more.apply(MailGateway.policy()
        .hostname("gateway.example.test")
        .trust("127.0.0.1/32")
        .relayDomains("relay.example.test")
        .relayHost("[127.0.0.1]:" + downstream.getSmtp().getPort())
        .withoutContentFilter()).build();
    EmbeddedGateway gateway = EmbeddedGateway.start(policy, options, parts);
    started.add(gateway);
    return gateway;
  }

  private static ProgramRun swaks(RunningGateway gateway, String from, String to, String... more) {
    List<String> command = new ArrayList<>(List.of("swaks", "--server",
        gateway.host() + ":" + gateway.port(), "--local-interface", from, "--helo", "client.example",
        "--from", "alice@example.com", "--to", to, "--timeout", "20"));
    command.addAll(List.of(more));
    return RealPeers.run(command.toArray(String[]::new));
  }

  @Test
  void startsThroughTheApiOnAFreeLoopbackPort() {
    RunningGateway gateway = MailGateway.start(MailGateway.policy().withoutContentFilter().build());
    started.add(gateway);

    assertThat(gateway.host()).isEqualTo("127.0.0.1");
    assertThat(gateway.port()).isPositive();
  }

  @Test
  void aTrustedClientsMailIsRelayedToTheNextHop() throws Exception {
    EmbeddedGateway gateway = start(b -> b);

    ProgramRun dialogue = swaks(gateway, TRUSTED, "bob@elsewhere.example", "--header", "Subject: hello");

    assertThat(dialogue.output()).contains("250 2.0.0 Ok: queued as");
    assertThat(downstream.waitForIncomingEmail(10_000, 1)).isTrue();
    MimeMessage delivered = downstream.getReceivedMessages()[0];
    assertThat(delivered.getSubject()).isEqualTo("hello");
    assertThat(delivered.getHeader("Received"))
        .anySatisfy(r -> assertThat(r).contains("by gateway.example.test (Mail Gateway Toolkit)"));
    assertThat(sentEvent(gateway)).contains("bob@elsewhere.example",
        "relay=127.0.0.1[127.0.0.1]:" + downstream.getSmtp().getPort());
  }

  @Test
  void anUntrustedClientGetsRelayAccessDenied() {
    EmbeddedGateway gateway = start(b -> b);

    ProgramRun dialogue = swaks(gateway, UNTRUSTED, "bob@elsewhere.example", "--quit-after", "RCPT");

    assertThat(dialogue.output()).contains("554 5.7.1 <bob@elsewhere.example>: Relay access denied");
  }

  @Test
  void mailToARelayDomainIsAcceptedFromAnyone() {
    EmbeddedGateway gateway = start(b -> b);

    assertThat(swaks(gateway, UNTRUSTED, "bob@relay.example.test").output())
        .contains("250 2.0.0 Ok: queued as");
    assertThat(downstream.waitForIncomingEmail(10_000, 1)).isTrue();
  }

  @Test
  void theGreetingAndEhloAreLikePostfixs() {
    EmbeddedGateway gateway = start(b -> b);

    String output = swaks(gateway, TRUSTED, "bob@elsewhere.example", "--quit-after", "EHLO").output();

    assertThat(output).contains("<-  220 gateway.example.test ESMTP")
        .contains("250-PIPELINING").contains("250-SIZE 10240000").contains("250-8BITMIME");
  }

  /** A gateway whose content filter is on, scanning with the scanner. */
  private EmbeddedGateway startScanning(dev.mailgateway.runtime.cleanup.ContentScanner scanner) {
    return start(b -> b.relayDomains("elsewhere.example")
            .contentFilter(c -> c.enabled(true).quarantineDirectory(dir.resolve("quarantine"))),
        GatewayOptions.forTests(),
        EmbeddedGateway.Parts.defaults().scanningWith(scanner));
  }

  @Test
  void aScannersSpamVerdictIsAppliedBeforeDelivery() throws Exception {
    dev.mailgateway.runtime.cleanup.ContentScanner scanner = dev.mailgateway.runtime.cleanup.ReportingScanner
        .reporting(dev.mailgateway.runtime.cleanup.ScanReport.scored(new java.math.BigDecimal("9.1"), List.of("GTUBE")));
    EmbeddedGateway gateway = startScanning(scanner);

    swaks(gateway, TRUSTED, "bob@elsewhere.example", "--header", "Subject: offer");

    assertThat(downstream.waitForIncomingEmail(10_000, 1)).isTrue();
    MimeMessage delivered = downstream.getReceivedMessages()[0];
    assertThat(delivered.getHeader("X-Spam-Flag")).containsExactly("YES");
    assertThat(delivered.getSubject()).isEqualTo("***SPAM*** offer");
  }

  @Test
  void anUntrustedClientOverItsConnectionLimitIsTurnedAway() throws Exception {
    EmbeddedGateway gateway = start(b -> b.postfix("smtpd_client_connection_count_limit", "2"));
    List<Socket> open = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        Socket socket = new Socket(gateway.host(), gateway.port(),
            java.net.InetAddress.getByName(UNTRUSTED), 0);
        new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream())).readLine();
        open.add(socket);
      }

      assertThat(converse(gateway, "", UNTRUSTED)).startsWith("421 4.7.0 gateway.example.test Error:"
          + " too many connections from 127.0.0.2");
    } finally {
      for (Socket socket : open) {
        socket.close();
      }
    }
  }

  @Test
  void theEicarTestFileIsQuarantinedAndGtubeTaggedByTheTestDetector() throws Exception {
    EmbeddedGateway gateway = startScanning(new dev.mailgateway.runtime.cleanup.TestSignatureScanner());

    assertThat(swaks(gateway, TRUSTED, "bob@elsewhere.example", "--body",
        dev.mailgateway.runtime.cleanup.TestSignatureScanner.EICAR).output()).contains("queued as");
    assertThat(swaks(gateway, TRUSTED, "carol@elsewhere.example", "--header", "Subject: gtube",
        "--body", dev.mailgateway.runtime.cleanup.TestSignatureScanner.GTUBE).output()).contains("queued as");

    assertThat(downstream.waitForIncomingEmail(10_000, 1)).isTrue();
    Thread.sleep(300);
    assertThat(downstream.getReceivedMessages()).hasSize(1);
    assertThat(downstream.getReceivedMessages()[0].getSubject()).isEqualTo("***SPAM*** gtube");
    assertThat(gateway.events().all()).anySatisfy(e -> {
      assertThat(e.kind()).isEqualTo(GatewayEvent.Kind.QUARANTINED);
      assertThat(e.detail()).contains("Eicar-Test-Signature");
    });
  }

  @Test
  void aPolicyThatScansWithNoScannerIsRefusedAtTheStart() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> start(
        b -> b.contentFilter(c -> c.enabled(true)), GatewayOptions.forTests().scanningWith()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("scans for viruses (contentFilter.virusChecks) but no scanner finds"
            + " them: add clamd")
        .hasMessageContaining("spam (contentFilter.spamChecks) but no scanner scores it: add spamd");
  }

  @Test
  void aPolicyThatScansOnlyForSpamNeedsOnlyASpamScanner() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> start(
        b -> b.contentFilter(c -> c.enabled(true).virusChecks(false)),
        GatewayOptions.forTests().scanningWith(dev.mailgateway.api.ScannerEndpoint.clamd("127.0.0.1:9"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining("viruses")
        .hasMessageContaining("add spamd");
  }

  @Test
  void anIdleClientIsCutOffAfterTheCommandTimeout() throws Exception {
    EmbeddedGateway gateway = start(b -> b.postfix("smtpd_timeout", "1s"));

    String replies = converse(gateway, "EHLO client.example\r\n");

    assertThat(replies).contains("421 4.4.2 gateway.example.test Error: timeout exceeded");
  }

  @Test
  void aMessageOverTheSizeLimitIsRefusedAfterItsData() {
    EmbeddedGateway gateway = start(b -> b.postfix("message_size_limit", "1000"));

    ProgramRun dialogue = swaks(gateway, TRUSTED, "bob@elsewhere.example",
        "--body", "x".repeat(2000));

    assertThat(dialogue.output()).contains("552 5.3.4 Message size exceeds fixed limit");
  }

  @Test
  void smugglingNeverSplitsOneMessageIntoTwo() throws Exception {
    EmbeddedGateway gateway = start(b -> b);
    String dialogue = "EHLO client.example\r\nMAIL FROM:<alice@example.com>\r\n"
        + "RCPT TO:<bob@elsewhere.example>\r\nDATA\r\n"
        + "Subject: one\r\n\r\nfirst\n.\nMAIL FROM:<mallory@example.com>\r\n"
        + "RCPT TO:<victim@elsewhere.example>\r\nDATA\r\nSubject: smuggled\r\n\r\nsecond\r\n.\r\nQUIT\r\n";

    String replies = converse(gateway, dialogue);

    assertThat(replies).containsOnlyOnce("queued as");
    assertThat(downstream.waitForIncomingEmail(10_000, 1)).isTrue();
    Thread.sleep(500);
    assertThat(downstream.getReceivedMessages()).hasSize(1);
    assertThat(GreenMailUtil.getBody(downstream.getReceivedMessages()[0])).contains("MAIL FROM:<mallory@example.com>");
  }

  @Test
  void aBareLineFeedFromAnUntrustedClientIsRejectedAfterTheRealEndOfData() throws Exception {
    EmbeddedGateway gateway = start(b -> b);

    assertThat(converse(gateway, BARE_LINE_FEED, UNTRUSTED)).contains("550 5.5.2 gateway.example.test Error: bare <LF> received")
        .doesNotContain("queued as");
  }

  @Test
  void aPolicyThatAllowsBareLineFeedsTakesThemFromAnyClientAsItsPostfixWould() throws Exception {
    EmbeddedGateway gateway = start(b -> b.postfix("smtpd_forbid_bare_newline", "no"));

    assertThat(converse(gateway, BARE_LINE_FEED, UNTRUSTED)).contains("queued as");
  }

  @Test
  void aPolicyWithoutExclusionsRefusesBareLineFeedsFromTrustedClientsToo() throws Exception {
    EmbeddedGateway gateway = start(b -> b.postfix("smtpd_forbid_bare_newline_exclusions", ""));

    assertThat(converse(gateway, BARE_LINE_FEED, TRUSTED)).contains("550 5.5.2 gateway.example.test Error: bare <LF> received");
  }

  @Test
  void pastTheSoftErrorLimitEveryReplyWaitsTheErrorSleepTime() throws Exception {
    EmbeddedGateway gateway = start(b -> b.postfix("smtpd_soft_error_limit", "2")
        .postfix("smtpd_error_sleep_time", "1s"));

    long started = System.nanoTime();
    String replies = converse(gateway, "BOGUS\r\nBOGUS\r\nNOOP\r\nNOOP\r\nQUIT\r\n");
    long waited = java.time.Duration.ofNanos(System.nanoTime() - started).toMillis();

    assertThat(replies).contains("221 2.0.0 Bye");
    // The two NOOPs and the QUIT come after two errors: three replies of a second each at least.
    assertThat(waited).isGreaterThanOrEqualTo(3000);
  }

  @Test
  void aQueuedMessageSurvivesARestartOnTheSameSpool() throws Exception {
    Path spool = dir.resolve("spool");
    EmbeddedGateway first = start(b -> b.relayHost("[127.0.0.1]:9"),
        GatewayOptions.forTests().spooledIn(spool));
    assertThat(swaks(first, TRUSTED, "bob@elsewhere.example").output()).contains("queued as");
    first.close();

    EmbeddedGateway second = start(b -> b, GatewayOptions.forTests().spooledIn(spool));
    assertThat(second.spool().entries()).hasSize(1);
    second.spool().update(second.spool().entries().get(0).deferred(
        second.spool().entries().get(0).recipients(), java.time.Instant.now(), "test: due now"));
    second.deliverDue();

    assertThat(downstream.waitForIncomingEmail(10_000, 1)).isTrue();
    assertThat(sentEvent(second)).contains("bob@elsewhere.example");
    assertThat(second.spool().entries()).isEmpty();
  }

  /**
   * The detail of the first {@code sent} event, waiting for it: the next hop may have the message
   * a moment before the delivery agent records it.
   */
  private static String sentEvent(EmbeddedGateway gateway) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      java.util.Optional<GatewayEvent> sent = gateway.events().all().stream()
          .filter(e -> e.kind() == GatewayEvent.Kind.SENT).findFirst();
      if (sent.isPresent()) {
        return sent.get().detail();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no sent event; the events were: " + gateway.events().all());
  }

  private static String converse(RunningGateway gateway, String dialogue) throws Exception {
    return converse(gateway, dialogue, TRUSTED);
  }

  /** Sends a whole dialogue at once (pipelined, as an attacker would) and reads every reply. */
  private static String converse(RunningGateway gateway, String dialogue, String from) throws Exception {
    try (Socket socket = new Socket()) {
      socket.bind(new java.net.InetSocketAddress(from, 0));
      socket.connect(new java.net.InetSocketAddress(gateway.host(), gateway.port()), 5000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(dialogue.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
