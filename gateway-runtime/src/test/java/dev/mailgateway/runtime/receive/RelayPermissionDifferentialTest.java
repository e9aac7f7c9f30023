package dev.mailgateway.runtime.receive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.config.PostfixInstance;
import dev.mailgateway.config.ProgramRun;
import dev.mailgateway.config.RealPeers;
import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The differential test: real Postfix rendered from a policy, the runtime running the same
 * policy, and the relay decision alone, for the classic relay-test address forms, from an
 * untrusted and a trusted client: all accept or all refuse the recipient, with a reply of the
 * same class.
 */
class RelayPermissionDifferentialTest extends DifferentialTest {

  static final String TRUSTED = "127.0.0.1";
  static final String UNTRUSTED = "127.0.0.2";
  static final Pattern RCPT_REPLY = Pattern.compile("-> RCPT TO:<.*>\\R<\\*{0,2}[~-]? *(\\d)\\d\\d");

  static PostfixInstance postfix;
  static RelayPermission ours;
  static dev.mailgateway.runtime.EmbeddedGateway runtime;

  @BeforeAll
  static void start() throws Exception {
    GatewayPolicy policy = BothGateways.policy()
        .build();
    both = BothGateways.start(policy, root);
    postfix = both.postfix();
    runtime = both.runtime();
    ours = new RelayPermission(policy.trust(), policy.relayDomains(), policy.destinations(),
        Set.of(InetAddress.getByName(postfix.host())));
  }

  /** 2 when Postfix accepted the recipient, 5 or 4 when it refused it (or the syntax). */
  private static int postfixReplyClass(String client, String recipient) {
    return replyClass(RealPeers.swaks(postfix, client, recipient, "--quit-after", "RCPT"));
  }

  /** The same dialogue with the runtime running the same policy. */
  private static int runtimeReplyClass(String client, String recipient) {
    return replyClass(RealPeers.run("swaks", "--server", runtime.host() + ":" + runtime.port(),
        "--local-interface", client, "--helo", "client.example", "--from", "sender@client.example",
        "--to", recipient, "--timeout", "20", "--quit-after", "RCPT"));
  }

  private static int replyClass(ProgramRun dialogue) {
    Matcher reply = RCPT_REPLY.matcher(dialogue.output());
    assertThat(reply.find()).as(dialogue.output()).isTrue();
    return Integer.parseInt(reply.group(1));
  }

  private static int ourReplyClass(String client, String recipient) throws Exception {
    Optional<Mailbox> mailbox;
    try {
      mailbox = SmtpPath.parse("<" + recipient + ">");
    } catch (SmtpSyntaxException e) {
      return 5;
    }
    RelayDecision decision = ours.decide(InetAddress.getByName(client), ClientCertificate.NONE,
        mailbox.orElseThrow());
    return decision.permitted() ? 2 : Integer.parseInt(decision.reply().substring(0, 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "user@relay.example.test",
      "user@elsewhere.example",
      "USER@RELAY.EXAMPLE.TEST.",
      "user@sub.relay.example.test",
      "user@relay.example.test.elsewhere.example",
      "user%elsewhere.example@relay.example.test",
      "\"user@elsewhere.example\"@relay.example.test",
      "@relay.example.test:user@elsewhere.example",
      "user@elsewhere.example@relay.example.test",
      "elsewhere.example!user@relay.example.test",
      "user@[127.0.0.1]",
      "user@[192.0.2.1]",
      "user%elsewhere.example@[127.0.0.1]",
      "user@relay.example.test%elsewhere.example",
  })
  void untrustedClientGetsPostfixsDecision(String recipient) throws Exception {
    int postfixSays = postfixReplyClass(UNTRUSTED, recipient);
    assertThat(ourReplyClass(UNTRUSTED, recipient))
        .as("decision for %s from an untrusted client", recipient).isEqualTo(postfixSays);
    assertThat(runtimeReplyClass(UNTRUSTED, recipient))
        .as("runtime's reply class for %s from an untrusted client", recipient).isEqualTo(postfixSays);
  }

  @ParameterizedTest
  @ValueSource(strings = {"user@elsewhere.example", "user%elsewhere.example@relay.example.test",
      "user@[192.0.2.1]", "user@[127.0.0.1]", "user%elsewhere.example@[127.0.0.1]"})
  void trustedClientGetsPostfixsDecision(String recipient) throws Exception {
    int postfixSays = postfixReplyClass(TRUSTED, recipient);
    assertThat(ourReplyClass(TRUSTED, recipient))
        .as("decision for %s from a trusted client", recipient).isEqualTo(postfixSays);
    assertThat(runtimeReplyClass(TRUSTED, recipient))
        .as("runtime's reply class for %s from a trusted client", recipient).isEqualTo(postfixSays);
  }

  /** Sends a whole dialogue from a client address and returns every reply. */
  private static String converse(String host, int port, String from, String dialogue) throws Exception {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.bind(new java.net.InetSocketAddress(from, 0));
      socket.connect(new java.net.InetSocketAddress(host, port), 5000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(dialogue.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }

  @org.junit.jupiter.api.Test
  void aBareLineFeedFromAnUntrustedClientIsRefusedByBothAfterTheData() throws Exception {
    String dialogue = "EHLO client.example\r\nMAIL FROM:<a@client.example>\r\n"
        + "RCPT TO:<user@relay.example.test>\r\nDATA\r\nSubject: x\r\n\r\nbare\nline\r\n.\r\nQUIT\r\n";

    String postfixReplies = converse(postfix.host(), postfix.port(), UNTRUSTED, dialogue);
    String runtimeReplies = converse(runtime.host(), runtime.port(), UNTRUSTED, dialogue);

    String refusal = "550 5.5.2 gateway.example.test Error: bare <LF> received";
    assertThat(postfixReplies).contains(refusal);
    assertThat(runtimeReplies).contains(refusal).doesNotContain("queued as");
  }
}
