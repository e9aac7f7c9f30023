package dev.mailgateway.examples;

import dev.mailgateway.api.DkimBuilder;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailGateway;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** Scenario 4: an outbound gateway that DKIM-signs the mail of several domains. */
public final class OutboundDkimSigner {

  private OutboundDkimSigner() {}

  /** The policy of this scenario, with the keys where OpenDKIM keeps them. */
  public static GatewayPolicy policy() {
    return policy(UnaryOperator.identity());
  }

  /** The policy of this scenario with its keys in another folder. */
  public static GatewayPolicy policy(Path keys) {
    return policy(dkim -> dkim.keyDirectory(keys));
  }

  private static GatewayPolicy policy(UnaryOperator<DkimBuilder> keys) {
    return MailGateway.policy()
        .hostname("out.example.com")
        .trust("10.0.0.0/8")
        .dkim(dkim -> keys.apply(dkim.domains("example.com", "example.org")))
        .outboundTls(tls -> tls.securityLevel("may"))
        .withoutContentFilter()
        .build();
  }

  /** Renders the configuration into the folder given, or {@code example-out/dkim}. */
  public static void main(String[] args) {
    ExampleOutput.render("dkim", policy(), args);
  }
}
