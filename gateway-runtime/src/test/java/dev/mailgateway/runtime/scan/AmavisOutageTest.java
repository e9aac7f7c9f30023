package dev.mailgateway.runtime.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.config.AmavisInstance;
import dev.mailgateway.config.PostfixInstance;
import dev.mailgateway.config.RealPeers;
import dev.mailgateway.config.RenderLayout;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * clamd down behind real Postfix and real amavisd, rendered from a policy: the mail is kept in
 * Postfix's queue for a later try, as the runtime refuses it for now (ScannerOutageTest), and
 * never delivered unscanned; unless the policy fails open. Debian's Amavis, left alone, delivers
 * it with a {@code ***UNCHECKED***} subject.
 */
class AmavisOutageTest {

  @TempDir
  Path folder;
  private GreenMail nextHop;
  private PostfixInstance postfix;
  private AmavisInstance amavis;

  @BeforeEach
  void startNextHop() throws IOException {
    RealPeers.require("amavisd");
    // Postfix's and amavisd's own users must reach their folders.
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    nextHop = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    nextHop.start();
  }

  @AfterEach
  void stopAll() {
    if (amavis != null) {
      amavis.close();
    }
    if (postfix != null) {
      postfix.close();
    }
    nextHop.stop();
  }

  private void start(boolean failOpen) throws IOException {
    Path root = Files.createDirectories(folder.resolve("postfix"));
    int[] ports = RealPeers.freePorts(3);
    RenderLayout layout = RenderLayout.instance(root, "127.0.0.1", ports[0])
        .withServicePorts(ports[1], ports[2]);
    GatewayPolicy policy = MailGateway.policy()
        .hostname("gateway.example.test")
        .trust("127.0.0.1/32")
        .relayDomains("elsewhere.example")
        .relayHost("[127.0.0.1]:" + nextHop.getSmtp().getPort())
        .contentFilter(c -> c.spamChecks(false).failOpen(failOpen))
        .build();
    postfix = PostfixInstance.start(policy, layout);
    Path noClamd = folder.resolve("no-clamd/clamd.ctl");
    amavis = AmavisInstance.start(layout, List.of(AmavisScanners.clamdAt(folder, noClamd)));
  }

  private String send() {
    return RealPeers.run("swaks", "--server", postfix.host() + ":" + postfix.port(), "--from",
        "alice@example.com", "--to", "bob@elsewhere.example", "--helo", "client.example",
        "--header", "Subject: minutes", "--body", "The minutes are on the wiki.", "--timeout", "60")
        .output();
  }

  /** Postfix's queue, as postqueue lists it. */
  private String queue() {
    return RealPeers.run("postqueue", "-c", postfix.configDirectory().toString(), "-p").output();
  }


  @Test
  void withClamdDownTheMessageWaitsInPostfixsQueueAndIsNotDelivered() throws Exception {
    start(false);

    assertThat(send()).contains(" 250 ");

    String queue = "";
    for (int i = 0; i < 100 && !queue.contains("AV:"); i++) {
      Thread.sleep(100);
      queue = queue();
    }
    assertThat(queue).contains("bob@elsewhere.example").contains("4.").contains("AV:");
    assertThat(nextHop.getReceivedMessages()).isEmpty();
  }

  @Test
  void withClamdDownAPolicyThatFailsOpenDeliversTheMessageMarkedUnchecked() throws Exception {
    start(true);

    assertThat(send()).contains(" 250 ");

    assertThat(nextHop.waitForIncomingEmail(30_000, 1)).isTrue();
    MimeMessage delivered = nextHop.getReceivedMessages()[0];
    assertThat(delivered.getSubject()).contains("UNCHECKED");
  }
}
