package dev.mailgateway.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.Fqdn;
import dev.mailgateway.api.GatewayOptions;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailEnvelope;
import dev.mailgateway.api.NextHop;
import dev.mailgateway.config.ProgramRun;
import dev.mailgateway.dkim.DkimKeyStore;
import dev.mailgateway.dkim.DkimResult;
import dev.mailgateway.dkim.DkimVerifier;
import dev.mailgateway.dkim.InMemoryKeyResolver;
import dev.mailgateway.runtime.EmbeddedGateway;
import dev.mailgateway.runtime.deliver.DeliveryResult;
import dev.mailgateway.runtime.deliver.NextHopClient;
import dev.mailgateway.runtime.queue.QueuedContent;
import dev.mailgateway.runtime.receive.Mailbox;
import dev.mailgateway.tls.CertificateAuthority;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each scenario of the image run through the runtime, not only rendered: real SMTP clients
 * (swaks) and submissions in, and what would leave recorded by next hop, so that nothing leaves
 * loopback for the scenarios' made-up hosts.
 */
class ScenariosRunTest {

  @TempDir
  Path dir;
  EmbeddedGateway gateway;
  final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();

  /** What the gateway handed to a next hop. */
  record Sent(String nextHop, List<String> recipients, String message) { }

  /** Records what it is given and answers as a next hop that took it. */
  private final NextHopClient recorder = new NextHopClient() {
    @Override
    public DeliveryResult send(NextHop hop, Optional<Mailbox> sender, List<Mailbox> recipients,
        QueuedContent content) {
      try (InputStream in = Files.newInputStream(content.file())) {
        in.skipNBytes(content.offset());
        byte[] bytes = content.end() < 0 ? in.readAllBytes()
            : in.readNBytes((int) (content.end() - content.offset()));
        sent.add(new Sent(hop.toString(), recipients.stream().map(Mailbox::toString).toList(),
            new String(bytes, StandardCharsets.ISO_8859_1)));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return new DeliveryResult(recipients, List.of(), List.of(), "250 2.0.0 Ok", hop.toString());
    }
  };

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private void run(GatewayPolicy policy) {
    gateway = EmbeddedGateway.start(policy, GatewayOptions.forTests(),
        EmbeddedGateway.Parts.defaults().sendingThrough(recorder));
  }

  private String swaks(String client, String to, String... more) {
    List<String> command = new ArrayList<>(List.of("swaks", "--server",
        gateway.host() + ":" + gateway.port(), "--local-interface", client,
        "--from", "sender@example.net", "--to", to, "--timeout", "20"));
    command.addAll(List.of(more));
    return ProgramRun.of(command, Duration.ofSeconds(60)).output();
  }

  private Sent next() throws InterruptedException {
    Sent one = sent.poll(20, TimeUnit.SECONDS);
    assertThat(one).as("something left for a next hop; events: " + gateway.events().all()).isNotNull();
    return one;
  }

  @Test
  void listedNetworksRelayRelaysItsNetworksMailToTheProvider() throws Exception {
    run(ListedNetworksRelay.policy());

    assertThat(swaks("127.0.0.1", "bob@elsewhere.example")).contains("queued as");

    assertThat(next().nextHop()).isEqualTo("[smtp.provider.example]:587");
  }

  @Test
  void containerNetworksRelayTrustsTheNetworksItIsConnectedTo() throws Exception {
    run(ContainerNetworksRelay.policy());

    assertThat(swaks("127.0.0.1", "bob@elsewhere.example")).contains("queued as");

    assertThat(next().nextHop()).isEqualTo("[smtp.provider.example]:587");
  }

  @Test
  void inboundGatewayRoutesEachDomainToItsServer() throws Exception {
    run(InboundGateway.policy());

    assertThat(swaks("127.0.0.1", "a@example.com,b@example.org")).contains("queued as");

    List<Sent> both = List.of(next(), next());
    assertThat(both).extracting(s -> s.nextHop() + " " + s.recipients())
        .containsExactlyInAnyOrder("[10.0.1.25]:25 [a@example.com]", "[10.0.2.25]:25 [b@example.org]");
  }

  @Test
  void spamFilterMarksSpamAndPassesEverythingToTheMailboxServer() throws Exception {
    run(InboundSpamFilter.policy());

    assertThat(swaks("127.0.0.1", "a@example.com", "--body",
        "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X")).contains("queued as");
    Sent spam = next();
    assertThat(swaks("127.0.0.1", "b@example.com", "--body", "Lunch at noon?")).contains("queued as");
    Sent clean = next();

    // The image's spam destiny is to pass, marked: the mailbox server files it.
    assertThat(spam.nextHop()).isEqualTo("[mailbox.internal.example.com]:25");
    assertThat(spam.message()).contains("X-Spam-Flag: YES");
    assertThat(clean.nextHop()).isEqualTo("[mailbox.internal.example.com]:25");
    assertThat(clean.message()).contains("Lunch at noon?").doesNotContain("X-Spam-Flag: YES");
  }

  @Test
  void dkimSignerSignsWhatItsApplicationHandsOver() throws Exception {
    GatewayPolicy policy = OutboundDkimSigner.policy(dir.resolve("keys"));
    run(policy);

    gateway.submit(MailEnvelope.of("news@example.org", "reader@[192.0.2.7]"),
        new ByteArrayInputStream(("From: news@example.org\r\nTo: reader@[192.0.2.7]\r\n"
            + "Subject: this week\r\n\r\nNews.\r\n").getBytes(StandardCharsets.US_ASCII)));

    Sent signed = next();
    assertThat(signed.nextHop()).isEqualTo("[192.0.2.7]");
    List<DkimResult> results = new DkimVerifier(InMemoryKeyResolver.empty().with("default",
        "example.org", DkimKeyStore.of(policy.dkim().orElseThrow()).record(Fqdn.parse("example.org"))))
        .verify(new ByteArrayInputStream(signed.message().getBytes(StandardCharsets.ISO_8859_1)));
    assertThat(results).extracting(DkimResult::status).containsExactly(DkimResult.Status.PASS);
  }

  @Test
  void smarthostRelaysForAClientWithACertificateOfItsCa() throws Exception {
    Path tls = Files.createDirectories(dir.resolve("tls"));
    CertificateAuthority ca = CertificateAuthority.create("Nodes CA");
    ca.writeTo(Files.createDirectories(dir.resolve("ca")));
    Files.copy(dir.resolve("ca").resolve(CertificateAuthority.CERTIFICATE_FILE), tls.resolve("rootCA.crt"));
    ca.issueServer(Fqdn.parse("smarthost.example.com"))
        .writeTo(tls.resolve("bundle.crt"), tls.resolve("cert.key"));
    ca.issueClient("node7.example.com").writeTo(dir.resolve("node.crt"), dir.resolve("node.key"));
    run(SmarthostForCertificateClients.policy(tls));

    String dialogue = swaks("127.0.0.1", "bob@elsewhere.example", "--tls",
        "--tls-cert", dir.resolve("node.crt").toString(), "--tls-key", dir.resolve("node.key").toString());

    assertThat(dialogue).contains("queued as");
    Sent relayed = next();
    assertThat(relayed.nextHop()).isEqualTo("[smtp.provider.example]:587");
    assertThat(relayed.message()).contains("with ESMTPS");
  }

  @Test
  void gatewaysBehindABalancerTakeTheirDomainsMailButRelayNothingElse() throws Exception {
    run(GatewaysBehindLoadBalancer.policy());

    String ours = swaks("127.0.0.2", "a@example.com");
    String elsewhere = swaks("127.0.0.2", "a@elsewhere.example", "--quit-after", "RCPT");

    assertThat(ours).contains("queued as");
    assertThat(next().nextHop()).isEqualTo("[mailstore.example.com]:25");
    assertThat(elsewhere).contains("554 5.7.1 <a@elsewhere.example>: Relay access denied");
  }
}
