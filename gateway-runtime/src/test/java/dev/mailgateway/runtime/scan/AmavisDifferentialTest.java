package dev.mailgateway.runtime.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mailgateway.api.GatewayOptions;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.api.ScannerEndpoint;
import dev.mailgateway.config.AmavisInstance;
import dev.mailgateway.config.GatewayRenderer;
import dev.mailgateway.config.PostfixInstance;
import dev.mailgateway.config.RealPeers;
import dev.mailgateway.config.RenderLayout;
import dev.mailgateway.runtime.EmbeddedGateway;
import dev.mailgateway.runtime.cleanup.TestSignatureScanner;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential test of content filtering: one policy (the image's default content filter)
 * run by real Postfix with real amavisd after its queue, by the runtime handing its mail to a
 * real amavisd the same way, and by the runtime scanning in process with real clamd and spamd.
 * The same EICAR, GTUBE and clean messages get the same outcome from all three: the virus is
 * quarantined and not delivered, GTUBE is delivered flagged with its subject tagged, the clean
 * message is delivered unflagged.
 */
class AmavisDifferentialTest extends WithRealScanners {

  @TempDir
  static Path folder;
  static final List<AutoCloseable> started = new ArrayList<>();
  static final Map<String, Side> sides = new LinkedHashMap<>();

  /** One gateway under test, its next hop and its quarantine. */
  record Side(String host, int port, GreenMail nextHop, Path quarantine) {}

  @BeforeAll
  static void startGateways() throws Exception {
    RealPeers.require("amavisd");
    // Postfix's and amavisd's own users must reach their folders, and amavisd clamd's socket.
    for (Path shared : List.of(folder, scannerFolder)) {
      Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Path extra = AmavisScanners.clamdAt(folder, clamd.unix().unixSocket().orElseThrow());

    GreenMail postfixHop = nextHop();
    Path postfixRoot = Files.createDirectories(folder.resolve("postfix"));
    int[] ports = RealPeers.freePorts(7);
    RenderLayout postfixLayout = RenderLayout.instance(postfixRoot, "127.0.0.1", ports[0])
        .withServicePorts(ports[1], ports[2]);
    GatewayPolicy postfixPolicy = policy(postfixHop, postfixRoot.resolve("quarantine"));
    PostfixInstance postfix = PostfixInstance.start(postfixPolicy, postfixLayout);
    ownedByAmavis(postfixRoot.resolve("quarantine"));
    started.add(postfix);
    started.add(AmavisInstance.start(postfixLayout, List.of(extra)));
    sides.put("postfix + amavisd", new Side(postfix.host(), postfix.port(), postfixHop,
        postfixRoot.resolve("quarantine")));

    GreenMail runtimeHop = nextHop();
    Path runtimeRoot = Files.createDirectories(folder.resolve("runtime"));
    RenderLayout runtimeLayout = RenderLayout.instance(runtimeRoot, "127.0.0.1", ports[3])
        .withServicePorts(ports[4], ports[5]).withReinjectionPort(ports[6]);
    GatewayPolicy runtimePolicy = policy(runtimeHop, runtimeRoot.resolve("quarantine"));
    GatewayRenderer.forLayout(runtimeLayout).render(runtimePolicy).writeTo(runtimeRoot);
    Files.setPosixFilePermissions(runtimeRoot, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    ownedByAmavis(runtimeRoot.resolve("quarantine"));
    started.add(AmavisInstance.start(runtimeLayout, List.of(extra)));
    EmbeddedGateway runtime = EmbeddedGateway.start(runtimePolicy, GatewayOptions.forTests()
        .scanningWith(ScannerEndpoint.amavis("127.0.0.1:" + runtimeLayout.contentFilterPort(),
            "127.0.0.1:" + runtimeLayout.reinjectionPort())));
    started.add(runtime);
    sides.put("runtime + amavisd", new Side(runtime.host(), runtime.port(), runtimeHop,
        runtimeRoot.resolve("quarantine")));

    GreenMail inProcessHop = nextHop();
    Path inProcessQuarantine = folder.resolve("in-process/quarantine");
    EmbeddedGateway inProcess = EmbeddedGateway.start(policy(inProcessHop, inProcessQuarantine),
        GatewayOptions.forTests().scanningWith(clamd.unix(), spamd.tcp()));
    started.add(inProcess);
    sides.put("runtime + clamd + spamd", new Side(inProcess.host(), inProcess.port(), inProcessHop,
        inProcessQuarantine));

    for (Side side : sides.values()) {
      for (String[] message : List.of(new String[] {"virus", TestSignatureScanner.EICAR},
          new String[] {"offer", TestSignatureScanner.GTUBE},
          new String[] {"minutes", "Hello Bob, the minutes are on the wiki."})) {
        assertThat(swaks(side, message[0], message[1], LOCAL)).as(side + " " + message[0])
            .contains(" 250 ");
      }
      assertThat(swaks(side, "mixed", TestSignatureScanner.GTUBE, LOCAL + "," + OTHER))
          .as(side + " mixed").contains(" 250 ");
    }
    for (Side side : sides.values()) {
      // GTUBE and the clean message to the local recipient, the mixed one to both.
      side.nextHop().waitForIncomingEmail(60_000, 4);
    }

  }

  /** A recipient in a relay domain, for whom Amavis marks spam. */
  static final String LOCAL = "bob@elsewhere.example";
  /** A recipient elsewhere, whose copy Amavis does not mark. */
  static final String OTHER = "carol@outside.example";

  /** An independent client: swaks, from the trusted 127.0.0.1. */
  private static String swaks(Side side, String subject, String body, String recipients) {
    return RealPeers.run("swaks", "--server", side.host() + ":" + side.port(), "--from",
        "alice@example.com", "--to", recipients, "--helo", "client.example",
        "--header", "Subject: " + subject, "--body", body, "--timeout", "60").output();
  }

  private static GatewayPolicy policy(GreenMail nextHop, Path quarantine) {
    return MailGateway.policy()
        .hostname("gateway.example.test")
        .trust("127.0.0.1/32")
        .relayDomains("elsewhere.example")
        .relayHost("[127.0.0.1]:" + nextHop.getSmtp().getPort())
        .contentFilter(c -> c.quarantineDirectory(quarantine))
        .build();
  }

  /** amavisd writes its quarantine as its own user. */
  private static void ownedByAmavis(Path quarantine) throws IOException {
    Files.createDirectories(quarantine);
    Files.setOwner(quarantine, quarantine.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName("amavis"));
  }

  private static GreenMail nextHop() {
    GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)
        .dynamicPort());
    greenMail.start();
    started.add(greenMail::stop);
    return greenMail;
  }


  @AfterAll
  static void stopGateways() {
    List<AutoCloseable> newestFirst = new ArrayList<>(started);
    java.util.Collections.reverse(newestFirst);
    for (AutoCloseable part : newestFirst) {
      try {
        part.close();
      } catch (Exception e) {
        // Stop the rest regardless.
      }
    }
  }

  private static Map<String, String> outcome(java.util.function.Function<Side, String> what) {
    Map<String, String> outcomes = new LinkedHashMap<>();
    sides.forEach((name, side) -> outcomes.put(name, what.apply(side)));
    return outcomes;
  }

  private static Stream<MimeMessage> delivered(Side side, String subjectPart) {
    return Arrays.stream(side.nextHop().getReceivedMessages()).filter(m -> {
      try {
        return m.getSubject().contains(subjectPart);
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static String header(MimeMessage message, String name) {
    try {
      String[] values = message.getHeader(name);
      return values == null ? "(none)" : values[0].strip();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theVirusIsQuarantinedAndNotDeliveredByAll() {
    Map<String, String> outcomes = outcome(side -> delivered(side, "virus").count() + " delivered, "
        + quarantined(side) + " quarantined");

    assertThat(outcomes).allSatisfy((side, result) -> assertThat(result)
        .as(side).isEqualTo("0 delivered, 1 quarantined"));
  }

  private static long quarantined(Side side) {
    if (!Files.isDirectory(side.quarantine())) {
      return 0;
    }
    try (Stream<Path> files = Files.list(side.quarantine())) {
      return files.filter(f -> f.getFileName().toString().startsWith("virus-")).count();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void gtubeIsDeliveredFlaggedWithItsSubjectTaggedByAll() {
    Map<String, String> outcomes = outcome(side -> delivered(side, "offer")
        .map(m -> header(m, "X-Spam-Flag") + " / " + header(m, "Subject")).toList().toString());

    assertThat(outcomes).allSatisfy((side, result) -> assertThat(result)
        .as(side).isEqualTo("[YES / ***SPAM*** offer]"));
  }

  @Test
  void spamToALocalAndAnOtherRecipientIsMarkedInTheLocalOnesCopyOnlyByAll() {
    Map<String, String> outcomes = outcome(side -> delivered(side, "mixed")
        .map(m -> header(m, "X-Spam-Flag") + " " + subject(m) + " for " + firstReceivedFor(m))
        .sorted().toList().toString());

    assertThat(outcomes).allSatisfy((side, result) -> assertThat(result).as(side).isEqualTo(
        "[(none) mixed for <" + OTHER + ">, YES ***SPAM*** mixed for <" + LOCAL + ">]"));
  }

  /** The recipient the newest Received header names: each copy has one. */
  private static String firstReceivedFor(MimeMessage message) {
    try {
      for (String received : message.getHeader("Received")) {
        java.util.regex.Matcher forClause = java.util.regex.Pattern.compile("for (<[^>]+>)")
            .matcher(received);
        if (forClause.find()) {
          return forClause.group(1);
        }
      }
      return "(nobody)";
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theCleanMessageIsDeliveredUnflaggedAndMarkedAsScannedByAll() {
    Map<String, String> outcomes = outcome(side -> delivered(side, "minutes")
        .map(m -> header(m, "X-Spam-Flag") + " / scanned: " + !header(m, "X-Virus-Scanned").equals("(none)"))
        .toList().toString());

    assertThat(outcomes).allSatisfy((side, result) -> assertThat(result)
        .as(side).isEqualTo("[NO / scanned: true]"));
  }
}
