package dev.mailgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.Fqdn;
import dev.mailgateway.config.ProgramRun;
import dev.mailgateway.config.RealPeers;
import dev.mailgateway.runtime.SmtpSink;
import dev.mailgateway.tls.CertifiedKey;
import dev.mailgateway.tls.KeyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloading {@code gateway run} as Postfix is reloaded: {@code gateway reload} and SIGHUP read
 * the inputs anew; invalid ones leave the old policy running; certificate files replaced on disk
 * are picked up by themselves; reloads under load lose nothing and deliver nothing twice.
 */
class ReloadTest {

  @TempDir
  Path dir;
  Process gateway;
  SmtpSink sink;
  int port;

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      gateway.destroy();
      if (!gateway.waitFor(30, TimeUnit.SECONDS)) {
        gateway.destroyForcibly();
      }
    }
    if (sink != null) {
      sink.close();
    }
  }

  private Path policy() {
    return dir.resolve("policy.yaml");
  }

  private void writePolicy(String more) throws Exception {
    Files.writeString(dir.resolve("policy.tmp"), "hostname: gateway.example.test\n"
        + "trust: [127.0.0.1/32]\nrelayHost: \"[127.0.0.1]:" + sink.port() + "\"\n"
        + "contentFilter: {enabled: false}\n" + more);
    Files.move(dir.resolve("policy.tmp"), policy(), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  private void startGateway(String policyMore) throws Exception {
    sink = SmtpSink.start(dir);
    writePolicy(policyMore);
    port = RealPeers.freePort();
    gateway = GatewayProcess.start(policy(), port, dir.resolve("spool"), dir.resolve("gateway.log"));
    GatewayProcess.awaitStarted(dir.resolve("gateway.log"));
  }

  private String send(String subject) {
    return ProgramRun.of(List.of("swaks", "--server", "127.0.0.1:" + port, "--from",
        "alice@example.com", "--to", "bob@elsewhere.example", "--header", "Subject: " + subject),
        Duration.ofSeconds(30)).output();
  }

  private CommandOutput reload() {
    return CommandOutput.of("reload", "--spool", dir.resolve("spool").toString());
  }

  @Test
  void aReloadAppliesTheNewPolicyToNewSessions() throws Exception {
    startGateway("");
    assertThat(send("something forbidden")).contains("250 2.0.0 Ok: queued as");

    writePolicy("headerChecks: [\"/^Subject:.*forbidden/ REJECT no thanks\"]\n");
    CommandOutput reload = reload();

    assertThat(reload.exitCode()).as(reload.err()).isZero();
    assertThat(reload.out()).contains("gateway reload: reloaded");
    assertThat(send("something forbidden")).contains("550 5.7.1 no thanks");
  }

  @Test
  void anInvalidPolicyIsRefusedWithEveryViolationAndTheOldOneKeepsRunning() throws Exception {
    startGateway("");
    Files.writeString(policy(), "hostname: not a host name\ntrust: [10.0.0.0/33]\n");

    CommandOutput reload = reload();

    assertThat(reload.exitCode()).isEqualTo(1);
    assertThat(reload.err()).contains("policy violations; the old policy keeps running")
        .contains("hostname").contains("trust[0]");
    assertThat(send("still relayed")).contains("250 2.0.0 Ok: queued as");
  }

  @Test
  void aHangupSignalReloadsAsPostfixsMasterDoes() throws Exception {
    startGateway("");
    writePolicy("headerChecks: [\"/^Subject:.*forbidden/ REJECT no thanks\"]\n");

    ProgramRun.of(List.of("kill", "-HUP", Long.toString(gateway.pid())), Duration.ofSeconds(10));

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Files.readString(dir.resolve("gateway.log")).contains("reload -- configuration")
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(Files.readString(dir.resolve("gateway.log")))
        .containsPattern("postfix/gateway\\[\\d+\\]: reload -- configuration " + policy());
    assertThat(send("something forbidden")).contains("550 5.7.1 no thanks");
  }

  @Test
  void aCertificateReplacedOnDiskIsServedWithoutAReload() throws Exception {
    Path certificate = dir.resolve("tls/bundle.crt");
    Path key = dir.resolve("tls/cert.key");
    Files.createDirectories(certificate.getParent());
    CertifiedKey.selfSigned(Fqdn.parse("old.example.test"), KeyType.EC_P256, Duration.ofDays(30))
        .writeTo(certificate, key);
    startGateway("tls:\n  inbound:\n    certificate: " + certificate + "\n    key: " + key + "\n");
    assertThat(servedSubject()).contains("old.example.test");

    Path fresh = Files.createDirectories(dir.resolve("fresh"));
    CertifiedKey.selfSigned(Fqdn.parse("new.example.test"), KeyType.EC_P256, Duration.ofDays(30))
        .writeTo(fresh.resolve("bundle.crt"), fresh.resolve("cert.key"));
    Files.move(fresh.resolve("cert.key"), key, StandardCopyOption.REPLACE_EXISTING);
    Files.move(fresh.resolve("bundle.crt"), certificate, StandardCopyOption.REPLACE_EXISTING);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String served = servedSubject();
    while (!served.contains("new.example.test") && System.nanoTime() < deadline) {
      Thread.sleep(500);
      served = servedSubject();
    }
    assertThat(served).contains("new.example.test");
    assertThat(CommandOutput.of("check", "--spool", dir.resolve("spool").toString()).exitCode())
        .isZero();
  }

  /** The subject of the certificate openssl sees after STARTTLS. */
  private String servedSubject() {
    return ProgramRun.of(List.of("sh", "-c", "openssl s_client -starttls smtp -connect 127.0.0.1:"
        + port + " </dev/null 2>/dev/null | openssl x509 -noout -subject"), Duration.ofSeconds(30))
        .output();
  }

  @Test
  void tenReloadsUnderLoadLoseNothingAndDeliverNothingTwice() throws Exception {
    startGateway("");
    int messages = 5000;
    Process load = new ProcessBuilder("smtp-source", "-s", "20", "-m", Integer.toString(messages),
        "-l", "2048", "-f", "load@example.com", "-t", "sink@elsewhere.example", "127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(dir.resolve("load.log").toFile()).start();

    int reloads = 0;
    while (reloads < 10 && load.isAlive()) {
      Thread.sleep(300);
      writePolicy(reloads % 2 == 0 ? "headerChecks: [\"/^X-Never:/ REJECT\"]\n" : "");
      assertThat(reload().exitCode()).isZero();
      reloads++;
    }
    assertThat(load.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(load.exitValue()).as(Files.readString(dir.resolve("load.log"))).isZero();
    assertThat(reloads).as("reloads while the load ran").isEqualTo(10);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (sink.messages().size() < messages && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    Thread.sleep(1000);
    assertThat(sink.messages()).hasSize(messages);
    assertThat(CommandOutput.of("queue", "list", "--spool", dir.resolve("spool").toString()).out())
        .contains("Mail queue is empty");
  }
}
