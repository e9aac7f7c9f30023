package dev.mailgateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgateway.api.DkimAlgorithm;
import dev.mailgateway.api.Fingerprint;
import dev.mailgateway.api.Fqdn;
import dev.mailgateway.api.GatewayOptions;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.HandedMessage;
import dev.mailgateway.api.MailEnvelope;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.api.MailHandler;
import dev.mailgateway.api.MailHandlerException;
import dev.mailgateway.api.PolicyException;
import dev.mailgateway.api.QueuedMessage;
import dev.mailgateway.config.RealPeers;
import dev.mailgateway.dkim.DkimKey;
import dev.mailgateway.dkim.DkimRecord;
import dev.mailgateway.dkim.DkimSigner;
import dev.mailgateway.dkim.InMemoryKeyResolver;
import dev.mailgateway.tls.CertificateAuthority;
import dev.mailgateway.tls.Fingerprints;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mail for a transport entry app:NAME goes to the application's handler registered under NAME:
 * returning delivers, a temporary failure defers, a permanent one bounces, and the queue keeps
 * the message until the handler has returned.
 */
class MailHandlerTest {

  private static final String MESSAGE = "From: Carol <carol@customer.example>\r\n"
      + "To: support@support.example.com\r\nSubject: help\r\n\r\nMy printer is on fire.\r\n";

  @TempDir
  Path dir;
  EmbeddedGateway gateway;

  /** What a handler was handed, read while it was handed. */
  record Taken(HandedMessage message, String content) { }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private static GatewayPolicy policy() {
    return MailGateway.policy()
        .hostname("gateway.example.test")
        .trust("127.0.0.1/32")
        .relayDomains("support.example.com")
        .route("support.example.com", "app:tickets")
        .build();
  }

  private static MailHandler into(BlockingQueue<Taken> taken) {
    return message -> {
      try (InputStream in = message.content()) {
        taken.add(new Taken(message, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      }
    };
  }

  private static InputStream bytes(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private void awaitEmptyQueue() throws Exception {
    for (int i = 0; i < 200 && !gateway.queue().list().isEmpty(); i++) {
      Thread.sleep(50);
    }
  }

  @Test
  void mailOverSmtpIsHandedOverWithTheClientAndTheScanVerdict() throws Exception {
    BlockingQueue<Taken> taken = new LinkedBlockingQueue<>();
    gateway = EmbeddedGateway.start(policy(), GatewayOptions.forTests().handling("tickets", into(taken)));

    assertThat(RealPeers.run("swaks", "--server", gateway.host() + ":" + gateway.port(),
        "--local-interface", "127.0.0.2", "--from", "carol@customer.example",
        "--to", "support@support.example.com", "--header", "Subject: help", "--body", "My printer is on fire.")
        .output()).contains("queued as");

    Taken one = taken.poll(20, TimeUnit.SECONDS);
    assertThat(one).isNotNull();
    assertThat(one.message().sender()).contains("carol@customer.example");
    assertThat(one.message().recipients()).containsExactly("support@support.example.com");
    assertThat(one.message().clientAddress()).contains("127.0.0.2");
    assertThat(one.message().clientCertificate()).isEmpty();
    assertThat(one.message().scanVerdict()).contains("clean");
    assertThat(one.content()).contains("My printer is on fire.").contains("Received: from");
    awaitEmptyQueue();
    assertThat(gateway.events().all()).anySatisfy(e -> {
      assertThat(e.kind()).isEqualTo(GatewayEvent.Kind.SENT);
      assertThat(e.field("relay")).isEqualTo("app:tickets");
    });
  }

  @Test
  void theClientCertificatesFingerprintIsHandedOver() throws Exception {
    CertificateAuthority.create("Test CA").issueServer(Fqdn.parse("gateway.example.test"))
        .writeTo(dir.resolve("bundle.crt"), dir.resolve("cert.key"));
    var node = CertificateAuthority.create("Elsewhere").issueClient("node1.example.test");
    node.writeTo(dir.resolve("node.crt"), dir.resolve("node.key"));
    String fingerprint = Fingerprints.ofCertificate(node.certificate(), Fingerprint.Digest.SHA256)
        .toString();
    BlockingQueue<Taken> taken = new LinkedBlockingQueue<>();
    gateway = EmbeddedGateway.start(MailGateway.policy()
            .hostname("gateway.example.test")
            .relayDomains("support.example.com")
            .route("support.example.com", "app:tickets")
            .inboundTls(t -> t.certificate(dir.resolve("bundle.crt")).key(dir.resolve("cert.key"))
                .allowClientFingerprint(fingerprint, "node1"))
            .build(),
        GatewayOptions.forTests().handling("tickets", into(taken)));

    assertThat(RealPeers.run("swaks", "--server", gateway.host() + ":" + gateway.port(),
        "--local-interface", "127.0.0.2", "--from", "node@node1.example.test",
        "--to", "support@support.example.com", "--tls", "--tls-cert", dir.resolve("node.crt").toString(),
        "--tls-key", dir.resolve("node.key").toString()).output()).contains("queued as");

    Taken one = taken.poll(20, TimeUnit.SECONDS);
    assertThat(one).isNotNull();
    assertThat(one.message().clientCertificate()).contains(fingerprint);
  }

  @Test
  void theInboundSignaturesResultsAreHandedOver() throws Exception {
    DkimKey key = DkimKey.generate(DkimAlgorithm.ED25519);
    String message = "From: carol@customer.example\r\nTo: support@support.example.com\r\n"
        + "Subject: signed\r\n\r\nHello.\r\n";
    String signed = String.join("", DkimSigner.of(Fqdn.parse("customer.example"), "sel", key)
        .sign(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)))) + message;
    BlockingQueue<Taken> taken = new LinkedBlockingQueue<>();
    gateway = EmbeddedGateway.start(MailGateway.policy()
            .hostname("gateway.example.test")
            .relayDomains("support.example.com")
            .route("support.example.com", "app:tickets")
            .dkim(d -> d.domains("example.com").keyDirectory(dir.resolve("keys")))
            .build(),
        GatewayOptions.forTests().handling("tickets", into(taken)),
        EmbeddedGateway.Parts.defaults().resolvingDkimKeysWith(InMemoryKeyResolver.empty()
            .with("sel", "customer.example", DkimRecord.of(key, true, false)), Duration.ofSeconds(5)));

    assertThat(RealPeers.run("swaks", "--server", gateway.host() + ":" + gateway.port(),
        "--local-interface", "127.0.0.2", "--from", "carol@customer.example",
        "--to", "support@support.example.com", "--data", Files.writeString(dir.resolve("m.eml"), signed)
            .toString()).output()).contains("queued as");

    Taken one = taken.poll(20, TimeUnit.SECONDS);
    assertThat(one).isNotNull();
    assertThat(one.message().dkimResults()).singleElement().asString()
        .startsWith("dkim=pass header.d=customer.example header.s=sel header.a=ed25519-sha256");
  }

  @Test
  void submittedMailIsHandedOverWithoutAClientAddress() throws Exception {
    BlockingQueue<Taken> taken = new LinkedBlockingQueue<>();
    gateway = EmbeddedGateway.start(policy(), GatewayOptions.forTests().handling("tickets", into(taken)));

    String id = gateway.submit(MailEnvelope.of("carol@customer.example", "support@support.example.com"),
        bytes(MESSAGE));

    Taken one = taken.poll(20, TimeUnit.SECONDS);
    assertThat(one).isNotNull();
    assertThat(one.message().queueId()).isEqualTo(id);
    assertThat(one.message().clientAddress()).isEmpty();
  }

  @Test
  void aTemporaryFailureDefersTheMessageAndAFlushHandsItOverAgain() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    BlockingQueue<Taken> taken = new LinkedBlockingQueue<>();
    MailHandler busyOnce = message -> {
      if (calls.incrementAndGet() == 1) {
        throw MailHandlerException.temporary("the ticket database is busy");
      }
      into(taken).handle(message);
    };
    gateway = EmbeddedGateway.start(policy(), GatewayOptions.forTests().handling("tickets", busyOnce));

    gateway.submit(MailEnvelope.of("carol@customer.example", "support@support.example.com"), bytes(MESSAGE));
    for (int i = 0; i < 200 && gateway.queue().list().stream()
        .noneMatch(m -> m.state() == QueuedMessage.State.DEFERRED); i++) {
      Thread.sleep(50);
    }

    assertThat(gateway.queue().list()).singleElement().satisfies(m -> {
      assertThat(m.state()).isEqualTo(QueuedMessage.State.DEFERRED);
      assertThat(m.reason().orElse("")).contains("the ticket database is busy");
    });
    gateway.queue().flush();
    assertThat(taken.poll(20, TimeUnit.SECONDS)).isNotNull();
    awaitEmptyQueue();
    assertThat(gateway.queue().list()).isEmpty();
  }

  @Test
  void aPermanentFailureBouncesTheMessage() throws Exception {
    MailHandler refusing = message -> {
      throw MailHandlerException.permanent("no such queue in the ticket system");
    };
    gateway = EmbeddedGateway.start(policy(), GatewayOptions.forTests().handling("tickets", refusing));

    String id = gateway.submit(MailEnvelope.of("carol@customer.example", "support@support.example.com"),
        bytes(MESSAGE));

    for (int i = 0; i < 200 && gateway.events().all().stream()
        .noneMatch(e -> e.kind() == GatewayEvent.Kind.BOUNCED); i++) {
      Thread.sleep(50);
    }
    assertThat(gateway.events().all()).anySatisfy(e -> {
      assertThat(e.queueId()).isEqualTo(id);
      assertThat(e.kind()).isEqualTo(GatewayEvent.Kind.BOUNCED);
      assertThat(e.field("dsn")).isEqualTo("5.3.0");
      assertThat(e.field("reply")).contains("no such queue in the ticket system");
    });
  }

  @Test
  void aMessageStaysQueuedThroughAnApplicationCrashAndIsHandedOverAfterARestart() throws Exception {
    Path spool = dir.resolve("spool");
    MailHandler crashing = message -> {
      throw new IllegalStateException("the application is going down");
    };
    gateway = EmbeddedGateway.start(policy(),
        GatewayOptions.forTests().spooledIn(spool).handling("tickets", crashing));
    String id = gateway.submit(MailEnvelope.of("carol@customer.example", "support@support.example.com"),
        bytes(MESSAGE));
    for (int i = 0; i < 200 && gateway.queue().list().stream()
        .noneMatch(m -> m.state() == QueuedMessage.State.DEFERRED); i++) {
      Thread.sleep(50);
    }
    assertThat(gateway.queue().list()).singleElement()
        .satisfies(m -> assertThat(m.reason().orElse("")).contains("the application is going down"));
    gateway.close();

    BlockingQueue<Taken> taken = new LinkedBlockingQueue<>();
    gateway = EmbeddedGateway.start(policy(),
        GatewayOptions.forTests().spooledIn(spool).handling("tickets", into(taken)));
    gateway.queue().flush();

    Taken one = taken.poll(20, TimeUnit.SECONDS);
    assertThat(one).isNotNull();
    assertThat(one.message().queueId()).isEqualTo(id);
    assertThat(one.content()).contains("My printer is on fire.");
  }

  @Test
  void aPolicyThatNamesAnUnregisteredHandlerRefusesToStart() {
    assertThatThrownBy(() -> EmbeddedGateway.start(policy(), GatewayOptions.forTests()))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("transports[0]")
        .hasMessageContaining("names the mail handler 'tickets', which is not registered");
  }

  @Test
  void aHandlerNameATransportEntryCannotNameIsRefused() {
    assertThatThrownBy(() -> GatewayOptions.forTests().handling("tic kets", message -> { }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'tic kets' is not a handler name");
  }
}
