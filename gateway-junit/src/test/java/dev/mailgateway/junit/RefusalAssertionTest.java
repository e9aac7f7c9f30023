package dev.mailgateway.junit;

import static dev.mailgateway.junit.MailGatewayAssertions.assertThat;

import dev.mailgateway.config.RealPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A gateway that trusts no one: relaying is refused, and the assertion says with which code. */
class RefusalAssertionTest {

  @RegisterExtension
  static MailGatewayExtension mail = MailGatewayExtension.with(policy -> policy
      .hostname("gateway.example.test")
      .trust("10.0.0.0/8"));

  @Test
  void relayIsRefusedForAnUntrustedClient() {
    RealPeers.run("swaks", "--server", mail.gateway().host() + ":" + mail.gateway().port(),
        "--to", "x@elsewhere.example", "--quit-after", "RCPT", "--timeout", "10");

    assertThat(mail.gateway()).rejected("x@elsewhere.example").withCode(554);
  }
}
