package dev.mailgateway.examples;

import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailGateway;

/** Scenario 4: an outbound gateway that DKIM-signs the mail of several domains. */
public final class OutboundDkimSigner {

  private OutboundDkimSigner() {}

  /** The policy of this scenario. */
  public static GatewayPolicy policy() {
    return MailGateway.policy()
        .hostname("out.example.com")
        .trust("10.0.0.0/8")
        .dkim(dkim -> dkim.domains("example.com", "example.org"))
        .outboundTls(tls -> tls.securityLevel("may"))
        .withoutContentFilter()
        .build();
  }

  /** Renders the configuration into the folder given, or {@code example-out/dkim}. */
  public static void main(String[] args) {
    ExampleOutput.render("dkim", policy(), args);
  }
}
