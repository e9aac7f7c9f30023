package dev.mailgateway.runtime.receive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.config.PostfixInstance;
import dev.mailgateway.config.ProgramRun;
import dev.mailgateway.config.RealPeers;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The relay decision against real Postfix rendered from the same policy: for the classic
 * relay-test address forms, from an untrusted and a trusted client, both accept or both refuse
 * the recipient, with a reply of the same class.
 */
class RelayPermissionDifferentialTest {

  static final String TRUSTED = "127.0.0.1";
  static final String UNTRUSTED = "127.0.0.2";
  static final Pattern RCPT_REPLY = Pattern.compile("-> RCPT TO:<.*>\\R<\\*{0,2}[~-]? *(\\d)\\d\\d");

  @TempDir
  static Path root;
  static PostfixInstance postfix;
  static RelayPermission ours;

  @BeforeAll
  static void start() throws Exception {
    GatewayPolicy policy = MailGateway.policy()
        .hostname("gateway.example.test")
        .trust("127.0.0.1/32")
        .relayDomains("relay.example.test")
        .relayHost("[127.0.0.1]:9")
        .withoutContentFilter()
        .build();
    postfix = PostfixInstance.start(policy, root);
    ours = new RelayPermission(policy.trust(), policy.relayDomains(), policy.destinations(),
        Set.of(InetAddress.getByName(postfix.host())));
  }

  @AfterAll
  static void stop() {
    if (postfix != null) {
      postfix.close();
    }
  }

  /** 2 when Postfix accepted the recipient, 5 or 4 when it refused it (or the syntax). */
  private static int postfixReplyClass(String client, String recipient) {
    ProgramRun dialogue = RealPeers.swaks(postfix, client, recipient, "--quit-after", "RCPT");
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
    assertThat(ourReplyClass(UNTRUSTED, recipient))
        .as("reply class for %s from an untrusted client", recipient)
        .isEqualTo(postfixReplyClass(UNTRUSTED, recipient));
  }

  @ParameterizedTest
  @ValueSource(strings = {"user@elsewhere.example", "user%elsewhere.example@relay.example.test",
      "user@[192.0.2.1]", "user@[127.0.0.1]", "user%elsewhere.example@[127.0.0.1]"})
  void trustedClientGetsPostfixsDecision(String recipient) throws Exception {
    assertThat(ourReplyClass(TRUSTED, recipient))
        .as("reply class for %s from a trusted client", recipient)
        .isEqualTo(postfixReplyClass(TRUSTED, recipient));
  }
}
