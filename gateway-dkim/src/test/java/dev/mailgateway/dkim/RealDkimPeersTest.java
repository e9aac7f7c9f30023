package dev.mailgateway.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.DkimAlgorithm;
import dev.mailgateway.api.Fqdn;
import dev.mailgateway.config.ProgramRun;
import dev.mailgateway.config.RealPeers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our signatures against Perl's Mail::DKIM and OpenDKIM; OpenDKIM's signatures and
 * opendkim-genkey's keys and records against ours.
 */
class RealDkimPeersTest {

  static final Fqdn DOMAIN = Fqdn.parse("example.com");
  static final DkimKey RSA = DkimKey.generate(DkimAlgorithm.RSA);
  static final DkimKey ED25519 = DkimKey.generate(DkimAlgorithm.ED25519);

  @TempDir
  Path dir;

  static Stream<Arguments> messagesAndKeys() {
    return Stream.of(
            Arguments.of("7bit", TestMessages.sevenBit()),
            Arguments.of("8bit", TestMessages.eightBit()),
            Arguments.of("long lines", TestMessages.longLines()),
            Arguments.of("multipart", TestMessages.multipart()),
            Arguments.of("no body", TestMessages.noBody()))
        .flatMap(a -> Stream.of(
            Arguments.of(a.get()[0], a.get()[1], "rsa", RSA),
            Arguments.of(a.get()[0], a.get()[1], "ed", ED25519)));
  }

  private Path signedFile(byte[] message, String selector, DkimKey key) throws IOException {
    List<String> fields = DkimSigner.of(DOMAIN, selector, key).sign(new ByteArrayInputStream(message));
    return Files.write(dir.resolve("signed.eml"), TestMessages.signed(message, fields));
  }

  private Path records() throws IOException {
    return Files.writeString(dir.resolve("keys"),
        "rsa._domainkey.example.com " + DkimRecord.of(RSA, true, false).value() + "\n"
            + "ed._domainkey.example.com " + DkimRecord.of(ED25519, true, false).value() + "\n");
  }

  private ProgramRun mailDkim(Path message) throws IOException {
    Path script = resource("mail-dkim-verify.pl");
    return RealPeers.run("sh", "-c", "perl " + script + " " + records() + " < " + message);
  }

  private Path resource(String name) throws IOException {
    Path file = dir.resolve(name);
    try (var in = getClass().getResourceAsStream(name)) {
      Files.copy(in, file);
    }
    return file;
  }

  private ProgramRun opendkimVerify(Path message) throws IOException {
    Path conf = Files.writeString(dir.resolve("verify.conf"),
        "Mode v\nTestPublicKeys " + records() + "\nSyslog no\nRequireSafeKeys false\n");
    return RealPeers.run("opendkim", "-x", conf.toString(), "-t", message.toString(), "-vv");
  }

  /** The signature field OpenDKIM's test mode prints for a message, with CRLF line ends. */
  private static String opendkimSignature(Path conf, Path message) {
    String output = RealPeers.run("opendkim", "-x", conf.toString(), "-t", message.toString()).output();
    return output.substring(output.indexOf("DKIM-Signature:")).strip()
        .replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n";
  }

  /** Debian's Mail::DKIM (1.20230212) knows rsa-sha256 only: it says "unsupported algorithm ed25519-sha256". */
  static Stream<Arguments> messagesForMailDkim() {
    return messagesAndKeys().filter(a -> a.get()[2].equals("rsa"));
  }

  @ParameterizedTest(name = "RSA signed by the {0} provider")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"native", "JDK's"})
  void bothNativeCryptosSignWhatMailDkimAndOpendkimAccept(String provider) throws IOException {
    assertThat(NativeCrypto.nativeProvider()).as("Amazon Corretto Crypto Provider runs on Linux x86-64")
        .isPresent();
    DkimSigner signer = DkimSigner.of(DOMAIN, "rsa", RSA);
    byte[] message = TestMessages.multipart();
    List<String> fields = (provider.equals("native") ? signer : signer.withJdkCrypto())
        .sign(new ByteArrayInputStream(message));
    Path signed = Files.write(dir.resolve("signed.eml"), TestMessages.signed(message, fields));

    assertThat(mailDkim(signed).output()).contains("overall: pass");
    assertThat(opendkimVerify(signed).output()).contains("dkim=pass");
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("messagesForMailDkim")
  void mailDkimVerifiesOurSignature(String kind, byte[] message, String selector, DkimKey key)
      throws IOException {
    ProgramRun verdict = mailDkim(signedFile(message, selector, key));

    assertThat(verdict.output()).as(verdict.output()).contains("overall: pass")
        .contains("pass d=example.com a=" + SignatureScheme.tag(key.algorithm()));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("messagesAndKeys")
  void opendkimVerifiesOurSignature(String kind, byte[] message, String selector, DkimKey key)
      throws IOException {
    ProgramRun verdict = opendkimVerify(signedFile(message, selector, key));

    assertThat(verdict.output()).as(verdict.output()).contains("dkim=pass");
  }

  @Test
  void mailDkimHashesRandomBodiesAsWeDo() throws IOException {
    Random random = new Random(6376);
    byte[] alphabet = {'a', 'b', ' ', '\t', '\r', '\n', (byte) 0xE9};
    List<byte[]> bodies = new ArrayList<>();
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      // Ending in CRLF, as every body SMTP carries does: where one does not, Mail::DKIM's simple
      // canonicalization adds no CRLF, against RFC 6376 3.4.3 (BodyCanonicalizerTest).
      byte[] body = new byte[random.nextInt(60) + 2];
      for (int j = 0; j < body.length - 2; j++) {
        body[j] = alphabet[random.nextInt(alphabet.length)];
      }
      body[body.length - 2] = '\r';
      body[body.length - 1] = '\n';
      bodies.add(body);
      // As SMTP carries it: a bare LF ends a line as CRLF does, for us and on the wire.
      String wire = new String(body, StandardCharsets.ISO_8859_1).replaceAll("(?<!\r)\n", "\r\n");
      lines.append(Base64.getEncoder().encodeToString(wire.getBytes(StandardCharsets.ISO_8859_1)))
          .append('\n');
    }
    Path input = Files.writeString(dir.resolve("bodies"), lines);
    Path script = resource("mail-dkim-body-hash.pl");
    List<String> theirs = RealPeers.run("sh", "-c", "perl " + script + " < " + input).output()
        .lines().toList();

    assertThat(theirs).hasSize(bodies.size());
    for (int i = 0; i < bodies.size(); i++) {
      String ours = bodyHash(Canonicalization.RELAXED, bodies.get(i), random) + " "
          + bodyHash(Canonicalization.SIMPLE, bodies.get(i), random);
      assertThat(ours).as("body %s", Arrays.toString(bodies.get(i))).isEqualTo(theirs.get(i));
    }
  }

  /** The body hash of a body written in random pieces, as blocks of a stream arrive. */
  private static String bodyHash(Canonicalization c, byte[] body, Random random) throws IOException {
    BodyHash hash = new BodyHash(OptionalLong.empty());
    try (OutputStream out = c.body(hash)) {
      int at = 0;
      while (at < body.length) {
        int piece = Math.min(body.length - at, 1 + random.nextInt(5));
        out.write(body, at, piece);
        at += piece;
      }
    }
    return Base64.getEncoder().encodeToString(hash.digest());
  }

  @Test
  void aDualSignaturePassesWithMailDkimByItsRsaHalfAndWithOpendkimByBoth() throws IOException {
    byte[] message = TestMessages.multipart();
    List<String> fields = DkimSigner.of(DOMAIN, "rsa", RSA).and("ed", ED25519)
        .sign(new ByteArrayInputStream(message));
    Path signed = Files.write(dir.resolve("dual.eml"), TestMessages.signed(message, fields));

    assertThat(mailDkim(signed).output()).contains("pass d=example.com a=rsa-sha256")
        .contains("overall: pass");
    assertThat(opendkimVerify(signed).output())
        .containsPattern("dkim=pass [^;]*header.a=rsa-sha256")
        .containsPattern("dkim=pass [^;]*header.a=ed25519-sha256");
  }

  @Test
  void mailDkimAgreesATamperedBodyFails() throws IOException {
    Path signed = signedFile(TestMessages.sevenBit(), "rsa", RSA);
    Files.writeString(signed, Files.readString(signed, StandardCharsets.ISO_8859_1)
        .replace("figures", "fingers"), StandardCharsets.ISO_8859_1);

    assertThat(mailDkim(signed).output()).contains("fail (body has been altered)");
  }

  @Test
  void weVerifyWhatOpendkimSignsWithAKeyFromOpendkimGenkey() throws IOException {
    RealPeers.run("opendkim-genkey", "-r", "-d", "example.com", "-s", "default",
        "--directory=" + dir);
    Path message = Files.write(dir.resolve("message.eml"), TestMessages.multipart());
    Path conf = Files.writeString(dir.resolve("sign.conf"), "Mode s\nDomain example.com\n"
        + "Selector default\nKeyFile " + dir.resolve("default.private") + "\n"
        + "SignatureAlgorithm rsa-sha256\nCanonicalization relaxed/relaxed\nSyslog no\n"
        + "RequireSafeKeys false\n");
    String field = opendkimSignature(conf, message);
    byte[] signed = TestMessages.signed(TestMessages.multipart(), List.of(field));
    DkimRecord record = DkimRecord.parse(Files.readString(dir.resolve("default.txt")));

    List<DkimResult> results = new DkimVerifier(InMemoryKeyResolver.empty()
        .with("default", "example.com", record)).verify(new ByteArrayInputStream(signed));

    assertThat(results).singleElement().satisfies(r -> assertThat(r.passed()).as(r.reason()).isTrue());
  }

  @Test
  void opendkimGenkeysRecordParsesAndIsWrittenBackByteForByte() throws IOException {
    RealPeers.run("opendkim-genkey", "-r", "-t", "-d", "example.org", "-s", "mail",
        "--directory=" + dir);
    String written = Files.readString(dir.resolve("mail.txt"));

    DkimRecord record = DkimRecord.parse(written);

    assertThat(record.emailOnly()).isTrue();
    assertThat(record.testing()).isTrue();
    assertThat(record.zoneFile("mail", "example.org")).isEqualTo(written);
    assertThat(DkimKey.read(dir.resolve("mail.private")).publicKeyData())
        .isEqualTo(record.publicKeyData());
  }

  @Test
  void opendkimAcceptsAKeyWeGenerated() throws IOException {
    DkimKey key = DkimKey.generate(DkimAlgorithm.RSA);
    key.write(dir.resolve("ours.private"));
    Files.writeString(dir.resolve("keys"),
        "ours._domainkey.example.com " + DkimRecord.of(key, true, false).value() + "\n");
    Path message = Files.write(dir.resolve("message.eml"), TestMessages.sevenBit());
    Path sign = Files.writeString(dir.resolve("sign.conf"), "Mode s\nDomain example.com\n"
        + "Selector ours\nKeyFile " + dir.resolve("ours.private") + "\n"
        + "SignatureAlgorithm rsa-sha256\nSyslog no\nRequireSafeKeys false\n");
    String field = opendkimSignature(sign, message);
    Path signed = Files.write(dir.resolve("signed.eml"),
        TestMessages.signed(TestMessages.sevenBit(), List.of(field)));
    Path verify = Files.writeString(dir.resolve("verify.conf"), "Mode v\nTestPublicKeys "
        + dir.resolve("keys") + "\nSyslog no\nRequireSafeKeys false\n");

    assertThat(RealPeers.run("opendkim", "-x", verify.toString(), "-t", signed.toString(), "-vv")
        .output()).contains("dkim=pass");
  }
}
