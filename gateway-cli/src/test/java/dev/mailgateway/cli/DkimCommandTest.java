package dev.mailgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DkimCommandTest {

  private static final String MESSAGE =
      "From: a@example.com\nTo: b@example.org\nSubject: hello\n\nHello there\n";

  @TempDir
  Path dir;

  @AfterEach
  void restoreStandardStreams() {
    DkimCommand.messageInput = System.in;
    DkimCommand.messageOutput = System.out;
  }

  private CommandOutput withMessage(String message, OutputStream signed, String... args) {
    InputStream in = new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8));
    DkimCommand.messageInput = in;
    DkimCommand.messageOutput = signed;
    return CommandOutput.of(args);
  }

  private void keygen(String... more) {
    String[] args = {"dkim", "keygen", "--domain", "example.com", "--out", dir.toString()};
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    assertThat(CommandOutput.of(all).exitCode()).isZero();
  }

  @Test
  void keygenWritesKeyAndRecordAsOpendkimGenkeyDoes() {
    CommandOutput result = CommandOutput.of("dkim", "keygen", "--domain", "example.com",
        "--restrict", "--out", dir.toString());

    assertThat(result.out()).startsWith("default._domainkey\tIN\tTXT\t( \"v=DKIM1; h=sha256; k=rsa; s=email; \"");
    assertThat(dir.resolve("default.private")).exists();
    assertThat(dir.resolve("default.txt")).hasContent(result.out().strip());
  }

  @Test
  void keygenRefusesWeakKeysUnlessAllowed() {
    CommandOutput result = CommandOutput.of("dkim", "keygen", "--domain", "example.com",
        "--bits", "1024", "--out", dir.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("1024-bit RSA keys are weak");
  }

  @Test
  void aSignedMessageVerifiesWithItsRecordAndATamperedOneDoesNot() {
    keygen("--algorithm", "ed25519", "--selector", "ed");
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    CommandOutput sign = withMessage(MESSAGE, signed, "dkim", "sign", "--key",
        dir.resolve("ed.private").toString(), "--domain", "example.com", "--selector", "ed");
    String signedText = signed.toString(StandardCharsets.UTF_8);

    CommandOutput good = withMessage(signedText, OutputStream.nullOutputStream(), "dkim", "verify",
        "--dns-record", dir.resolve("ed.txt").toString());
    CommandOutput bad = withMessage(signedText.replace("Hello there", "Hello thief"),
        OutputStream.nullOutputStream(), "dkim", "verify", "--dns-record", dir.resolve("ed.txt").toString());

    assertThat(sign.exitCode()).isZero();
    assertThat(signedText).startsWith("DKIM-Signature: v=1; a=ed25519-sha256;").endsWith(MESSAGE);
    assertThat(good.exitCode()).isZero();
    assertThat(good.out()).contains("dkim=pass header.d=example.com header.s=ed");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.out()).contains("dkim=fail (body hash did not verify)");
  }

  @Test
  void aMissingRecordFileIsAClearErrorWithoutAStackTrace() {
    CommandOutput result = withMessage(MESSAGE, new ByteArrayOutputStream(), "dkim", "verify",
        "--dns-record", dir.resolve("nowhere.txt").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("--dns-record: " + dir.resolve("nowhere.txt") + ": no such file")
        .doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void aRecordFileWithANonAsciiByteIsAClearError() throws Exception {
    Path record = Files.write(dir.resolve("bad.txt"), "v=DKIM1; p=\u00e9".getBytes(StandardCharsets.UTF_8));

    CommandOutput result = withMessage(MESSAGE, new ByteArrayOutputStream(), "dkim", "verify",
        "--dns-record", record.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("a DNS record is ASCII text").doesNotContain("\tat ");
  }

  @Test
  void signingWithA1024BitKeyIsRefusedUnlessAllowed() {
    keygen("--bits", "1024", "--allow-weak");
    String key = dir.resolve("default.private").toString();

    CommandOutput refused = withMessage(MESSAGE, new ByteArrayOutputStream(), "dkim", "sign",
        "--key", key, "--domain", "example.com", "--selector", "default");
    CommandOutput allowed = withMessage(MESSAGE, new ByteArrayOutputStream(), "dkim", "sign",
        "--key", key, "--domain", "example.com", "--selector", "default", "--allow-weak");

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("a 1024-bit RSA key is weak");
    assertThat(allowed.exitCode()).isZero();
  }

  @Test
  void aRecordForAnEmptyOrClimbingSelectorIsRefused() {
    keygen();
    String key = dir.resolve("default.private").toString();

    for (String selector : new String[] {"", "../up", "two\nlines"}) {
      CommandOutput result = CommandOutput.of("dkim", "record", "--key", key, "--domain",
          "example.com", "--selector", selector);
      assertThat(result.exitCode()).as(selector).isEqualTo(1);
      assertThat(result.err()).as(selector).contains("is not a selector");
    }
  }

  @Test
  void keygenWritesNothingForASelectorThatIsAPath() throws Exception {
    CommandOutput result = CommandOutput.of("dkim", "keygen", "--domain", "example.com",
        "--selector", "../escaped", "--out", dir.resolve("keys").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("is not a selector");
    assertThat(dir.resolve("escaped.private")).doesNotExist();
  }

  @Test
  void recordPrintsThePlainValueForADnsApi() {
    keygen();

    CommandOutput result = CommandOutput.of("dkim", "record", "--key",
        dir.resolve("default.private").toString(), "--domain", "example.com", "--selector",
        "default", "--value");

    assertThat(result.out()).startsWith("v=DKIM1; h=sha256; k=rsa; p=MII");
  }

  @Test
  void renderGeneratesTheMissingKeysOfTheImagesEnvironmentAndPrintsTheirRecords() throws Exception {
    Files.createDirectories(dir.resolve("tls"));
    Files.createDirectories(dir.resolve("additional/opendkim"));
    Path env = Files.writeString(dir.resolve("gateway.env"), "DKIM_DOMAINS=example.com example.org\n");

    CommandOutput result = CommandOutput.of("render", "--env-file", env.toString(),
        "--tls-dir", dir.resolve("tls").toString(), "--additional-dir",
        dir.resolve("additional").toString(), "--out", dir.resolve("out").toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("generated the DKIM key of example.org; publish this record:")
        .contains("default._domainkey\tIN\tTXT\t(");
    assertThat(dir.resolve("additional/opendkim/keys/example.com/default.private")).exists();
    assertThat(Files.readString(dir.resolve("out/opendkim/KeyTable")))
        .contains(dir.resolve("additional/opendkim/keys/example.com/default.private").toString());
  }

  @Test
  void aRenderThatCannotBeWrittenGeneratesNoKeys() throws Exception {
    Path policy = Files.writeString(dir.resolve("p.yaml"), "hostname: mx.example.com\n"
        + "dkim: {domains: [example.com], keyDirectory: " + dir.resolve("keys") + "}\n");
    Path blocking = Files.writeString(dir.resolve("out"), "a file, not a folder");

    CommandOutput result = CommandOutput.of("render", "--policy", policy.toString(), "--out",
        blocking.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("nothing was written").contains("is a file, not a folder");
    assertThat(dir.resolve("keys")).doesNotExist();
  }
}
