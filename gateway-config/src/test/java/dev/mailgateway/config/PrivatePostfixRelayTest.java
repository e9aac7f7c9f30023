package dev.mailgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.MailGateway;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private real Postfix, rendered in instance mode from a policy, enforces the relay policy as
 * seen by a real SMTP client (swaks): 127.0.0.1 is trusted, 127.0.0.2 is not.
 */
class PrivatePostfixRelayTest {

  private static final String TRUSTED = "127.0.0.1";
  private static final String UNTRUSTED = "127.0.0.2";

  @TempDir
  static Path root;
  static PostfixInstance postfix;

  @BeforeAll
  static void start() {
    RealPeers.require("postfix");
    postfix = PostfixInstance.start(MailGateway.policy()
        .hostname("gateway.example.test")
        .trust("127.0.0.1/32")
        .relayDomains("relay.example.test")
        // Nothing listens on port 9: accepted mail waits in the private queue, never leaves.
        .relayHost("[127.0.0.1]:9")
        .withoutContentFilter()
        .build(), root);
  }

  @AfterAll
  static void stop() {
    if (postfix != null) {
      postfix.close();
    }
  }

  @Test
  void trustedClientMayRelayAnywhere() {
    ProgramRun dialogue = RealPeers.swaks(postfix, TRUSTED, "someone@elsewhere.example",
        "--quit-after", "RCPT");

    assertThat(dialogue.output()).contains("<-  250 2.1.5 Ok").doesNotContain("Relay access denied");
  }

  @Test
  void untrustedClientGetsRelayAccessDenied() {
    ProgramRun dialogue = RealPeers.swaks(postfix, UNTRUSTED, "someone@elsewhere.example",
        "--quit-after", "RCPT");

    assertThat(dialogue.output())
        .contains("554 5.7.1 <someone@elsewhere.example>: Relay access denied");
  }

  @Test
  void mailToARelayDomainIsAcceptedFromAnyone() {
    ProgramRun dialogue = RealPeers.swaks(postfix, UNTRUSTED, "user@relay.example.test");

    assertThat(dialogue.exitCode()).isZero();
    assertThat(dialogue.output()).contains("<-  250 2.0.0 Ok: queued as");
  }

  @Test
  void theGreetingIsTheRenderedBanner() {
    ProgramRun dialogue = RealPeers.swaks(postfix, UNTRUSTED, "user@relay.example.test",
        "--quit-after", "CONNECT");

    assertThat(dialogue.output()).contains("<-  220 gateway.example.test ESMTP");
  }

  @Test
  void theInstanceLogsBelowItsRoot() {
    RealPeers.swaks(postfix, UNTRUSTED, "someone@elsewhere.example", "--quit-after", "RCPT");

    assertThat(postfix.log()).contains("daemon started").contains("configuration " + root);
  }
}
