package dev.mailgateway.junit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mailgateway.api.Fqdn;
import dev.mailgateway.api.GatewayOptions;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.api.PolicyBuilder;
import dev.mailgateway.api.ScannerEndpoint;
import dev.mailgateway.dkim.DkimKeyStore;
import dev.mailgateway.dkim.InMemoryKeyResolver;
import dev.mailgateway.runtime.EmbeddedGateway;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a gateway for each test, with a GreenMail SMTP server on loopback as its next hop (its
 * relay host): what the gateway relays arrives there. Thin on purpose: the behaviour is the
 * runtime's, where applications use it too.
 */
public final class MailGatewayExtension implements BeforeEachCallback, AfterEachCallback {

  private final UnaryOperator<PolicyBuilder> policy;
  private final Supplier<List<ScannerEndpoint>> scanners;
  private GreenMail downstream;
  private Path quarantine;
  private EmbeddedGateway gateway;
  private GatewayPolicy running;

  private MailGatewayExtension(UnaryOperator<PolicyBuilder> policy,
      Supplier<List<ScannerEndpoint>> scanners) {
    this.policy = policy;
    this.scanners = scanners;
  }

  /**
   * An extension running the policy the function builds on top of {@link MailGateway#policy()}
   * with the content filter off and the quarantine in a temporary folder of the test's; the
   * relay host is set to the downstream server. A policy that turns the content filter on is
   * scanned by the EICAR and GTUBE test detectors unless {@link #scanningWith} names real
   * scanners.
   */
  public static MailGatewayExtension with(UnaryOperator<PolicyBuilder> policy) {
    return new MailGatewayExtension(policy, () -> List.of(ScannerEndpoint.testDetectors()));
  }

  /** The same extension scanning with these scanners (real clamd or spamd, say) instead. */
  public MailGatewayExtension scanningWith(ScannerEndpoint... endpoints) {
    List<ScannerEndpoint> fixed = List.of(endpoints);
    return new MailGatewayExtension(policy, () -> fixed);
  }

  /**
   * The same extension scanning with the scanners the supplier gives before each test: for
   * scanners a test class starts in its {@code @BeforeAll}, after the extension is made.
   */
  public MailGatewayExtension scanningWith(Supplier<List<ScannerEndpoint>> endpoints) {
    return new MailGatewayExtension(policy, endpoints);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    downstream = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)
        .dynamicPort());
    downstream.start();
    quarantine = newQuarantineFolder();
    running = policy.apply(MailGateway.policy().withoutContentFilter()
            .contentFilter(c -> c.quarantineDirectory(quarantine)))
        .relayHost("[127.0.0.1]:" + downstream.getSmtp().getPort())
        .build();
    gateway = EmbeddedGateway.start(running, GatewayOptions.forTests()
        .scanningWith(scanners.get().toArray(ScannerEndpoint[]::new)));
  }

  /**
   * A new owner-only folder in the system's temporary folder. Not {@code
   * Files.createTempDirectory}: its name comes from a {@code SecureRandom}, whose set-up (the
   * security providers, the seed) a suite's first test would wait some 20 ms for. The name needs
   * no secrecy: the folder is made by one {@code mkdir}, which fails on anything already there,
   * a link included, and is then tried under another name.
   */
  private static Path newQuarantineFolder() {
    Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
    FileAttribute<?>[] ownerOnly = temporary.getFileSystem().supportedFileAttributeViews()
        .contains("posix")
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwx------"))}
        : new FileAttribute<?>[0];
    for (int attempt = 0; ; attempt++) {
      String name = "gateway-quarantine-"
          + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
      try {
        return Files.createDirectory(temporary.resolve(name), ownerOnly);
      } catch (FileAlreadyExistsException taken) {
        if (attempt == 100) {
          throw new UncheckedIOException("no free name for a quarantine folder in " + temporary,
              taken);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (gateway != null) {
      gateway.close();
    }
    if (downstream != null) {
      downstream.stop();
    }
    if (quarantine != null) {
      try (var files = Files.walk(quarantine)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * The messages the current test's gateway quarantined, as their files ({@code virus-<queue
   * id>}, {@code spam-<queue id>}), in name order.
   */
  public List<Path> quarantined() {
    if (!Files.isDirectory(quarantine)) {
      return List.of();
    }
    try (var files = Files.list(quarantine)) {
      return files.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The gateway of the current test. */
  public EmbeddedGateway gateway() {
    return gateway;
  }

  /** The next hop of the current test. */
  public GreenMail downstream() {
    return downstream;
  }

  /** The policy the gateway runs, relay host included. */
  public GatewayPolicy policy() {
    return running;
  }

  /**
   * Waits (up to ten seconds) until the downstream has received {@code count} messages.
   *
   * @throws AssertionError when fewer arrive
   */
  public List<DeliveredMessage> delivered(int count) {
    if (!downstream.waitForIncomingEmail(10_000, count)) {
      throw new AssertionError("expected " + count + " delivered messages, got "
          + downstream.getReceivedMessages().length + "; events: " + gateway.events().all());
    }
    InMemoryKeyResolver keys = InMemoryKeyResolver.empty();
    if (running.dkim().isPresent()) {
      DkimKeyStore store = DkimKeyStore.of(running.dkim().get());
      for (Fqdn domain : running.dkim().get().domains()) {
        keys = keys.with(running.dkim().get().selector(), domain.name(), store.record(domain));
      }
    }
    InMemoryKeyResolver records = keys;
    return Arrays.stream(downstream.getReceivedMessages())
        .map(message -> new DeliveredMessage(raw(message), records)).toList();
  }

  private static byte[] raw(MimeMessage message) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      message.writeTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (MessagingException e) {
      throw new IllegalStateException("cannot read a delivered message: " + e.getMessage(), e);
    }
  }
}
