package dev.mailgateway.runtime.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.DkimAlgorithm;
import dev.mailgateway.api.Fqdn;
import dev.mailgateway.api.GatewayOptions;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.api.PolicyBuilder;
import dev.mailgateway.config.RealPeers;
import dev.mailgateway.dkim.DkimKey;
import dev.mailgateway.dkim.DkimSigner;
import dev.mailgateway.dkim.DnsKeyResolver;
import dev.mailgateway.dkim.InMemoryKeyResolver;
import dev.mailgateway.runtime.EmbeddedGateway;
import dev.mailgateway.runtime.GatewayEvent;
import dev.mailgateway.runtime.GatewayToSinkTest;
import java.io.ByteArrayInputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** What the runtime's verification of inbound signatures does beyond what OpenDKIM shows. */
class InboundDkimTest extends GatewayToSinkTest {

  private static final DkimKey KEY = DkimKey.generate(DkimAlgorithm.RSA);
  private static final String MESSAGE = "From: sam@sender.example\r\nTo: bob@relay.example.test\r\n"
      + "Subject: hello\r\n\r\nHello.\r\n";

  private void start(UnaryOperator<PolicyBuilder> more, EmbeddedGateway.Parts parts) {
    gateway = EmbeddedGateway.start(more.apply(MailGateway.policy()
        .hostname("gateway.example.test")
        .trust("127.0.0.1/32")
        .relayDomains("relay.example.test")
        .relayHost("[127.0.0.1]:" + sink.port())
        .withoutContentFilter()).build(), GatewayOptions.forTests(), parts);
  }

  private UnaryOperator<PolicyBuilder> withDkim() {
    return b -> b.dkim(d -> d.domains("example.com").keyDirectory(dir.resolve("keys")));
  }

  private static String signed(String message) {
    return String.join("", DkimSigner.of(Fqdn.parse("sender.example"), "rsa", KEY)
        .sign(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)))) + message;
  }

  private String relay(String client, String message) throws Exception {
    Path file = Files.writeString(dir.resolve("message.eml"), message);
    String output = RealPeers.run("swaks", "--server", gateway.host() + ":" + gateway.port(),
        "--local-interface", client, "--from", "sam@sender.example", "--to", "bob@relay.example.test",
        "--data", file.toString(), "--timeout", "30").output();
    assertThat(output).contains("queued as");
    return sink.firstMessage(gateway.events().all());
  }

  @Test
  void aKeyLookupThatIsNotAnsweredInTimeIsATemporaryErrorNeverAPass() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      start(withDkim(), EmbeddedGateway.Parts.defaults().resolvingDkimKeysWith(
          DnsKeyResolver.using(new InetSocketAddress("127.0.0.1", silent.getLocalPort()),
              Duration.ofSeconds(60)), Duration.ofSeconds(1)));

      long started = System.nanoTime();
      String delivered = relay("127.0.0.2", signed(MESSAGE));
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(delivered).contains("Authentication-Results: gateway.example.test;")
          .contains("dkim=temperror").doesNotContain("dkim=pass");
      // Bounded by the budget (1 s), not by the resolver's 60 s: far below any client's timeout.
      assertThat(took).isLessThan(Duration.ofSeconds(30));
    }
  }

  @Test
  void mailTheGatewaySignsIsNotVerified() throws Exception {
    start(withDkim(), EmbeddedGateway.Parts.defaults().resolvingDkimKeysWith(
        InMemoryKeyResolver.empty(), Duration.ofSeconds(1)));

    String delivered = relay("127.0.0.1", "From: alice@example.com\r\nTo: bob@relay.example.test\r\n"
        + "Subject: ours\r\n\r\nSigned here.\r\n");

    assertThat(delivered).contains("DKIM-Signature:").doesNotContain("Authentication-Results:");
  }

  @Test
  void withoutDkimInThePolicyNothingIsVerified() throws Exception {
    start(b -> b, EmbeddedGateway.Parts.defaults().resolvingDkimKeysWith(
        InMemoryKeyResolver.empty(), Duration.ofSeconds(1)));

    assertThat(relay("127.0.0.2", signed(MESSAGE))).doesNotContain("Authentication-Results:");
  }

  @Test
  void eachSignaturesResultIsAnEventTheLogShowsAsOpenDkimDoes() throws Exception {
    start(withDkim(), EmbeddedGateway.Parts.defaults().resolvingDkimKeysWith(
        InMemoryKeyResolver.empty(), Duration.ofSeconds(1)));

    relay("127.0.0.2", signed(MESSAGE));

    assertThat(gateway.events().all()).anySatisfy(e -> {
      assertThat(e.kind()).isEqualTo(GatewayEvent.Kind.VERIFIED);
      assertThat(e.field("result")).isEqualTo("fail");
      assertThat(e.field("reason")).contains("no key for signature at rsa._domainkey.sender.example");
    });
  }

  @Test
  void aHundredSignaturesCostTheLimitsLookupsAndGiveThatManyResults() throws Exception {
    java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
    start(b -> b.dkim(d -> d.domains("example.com").keyDirectory(dir.resolve("keys"))
        .maximumSignaturesToVerify(2)), EmbeddedGateway.Parts.defaults().resolvingDkimKeysWith(
        name -> {
          lookups.incrementAndGet();
          return java.util.List.of();
        }, Duration.ofSeconds(1)));
    String signature = signed(MESSAGE).substring(0, signed(MESSAGE).indexOf("From:"))
        .replace("s=rsa", "s=s" + "${N}");
    StringBuilder many = new StringBuilder();
    // A hundred stay within header_size_limit (102400 bytes): all of them are header fields.
    for (int i = 0; i < 100; i++) {
      many.append(signature.replace("${N}", Integer.toString(i)));
    }

    String delivered = relay("127.0.0.2", many + MESSAGE);

    String results = delivered.substring(delivered.indexOf("Authentication-Results:"),
        delivered.indexOf("DKIM-Signature:"));
    assertThat(results.split("dkim=", -1)).hasSize(3);
    assertThat(lookups).hasValue(2);
  }

  @Test
  void aForgedResultInTheGatewaysNameIsRecognisedWhateverItsCommentsAndCase() {
    AuthenticationResults results = new AuthenticationResults("gateway.example.test",
        InMemoryKeyResolver.empty(), Duration.ofSeconds(1), 3);

    assertThat(results.claimsToBeOurs("Authentication-Results: gateway.example.test; dkim=pass")).isTrue();
    assertThat(results.claimsToBeOurs("authentication-results:  (x (y)) GATEWAY.example.test 1;\r\n\tspf=pass")).isTrue();
    assertThat(results.claimsToBeOurs("Authentication-Results: gateway.example.test.evil; dkim=pass")).isFalse();
    assertThat(results.claimsToBeOurs("Authentication-Results: elsewhere.example; dkim=pass")).isFalse();
    assertThat(results.claimsToBeOurs("X-Authentication-Results: gateway.example.test; dkim=pass")).isFalse();
  }
}
