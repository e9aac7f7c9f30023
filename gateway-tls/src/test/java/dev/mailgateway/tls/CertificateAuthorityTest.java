package dev.mailgateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgateway.api.Fqdn;
import dev.mailgateway.config.ProgramRun;
import dev.mailgateway.config.RealPeers;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our CA's certificates, checked by real openssl. */
class CertificateAuthorityTest {

  static CertificateAuthority ca;
  @TempDir
  static Path caFolder;
  @TempDir
  Path dir;

  @BeforeAll
  static void createCa() {
    ca = CertificateAuthority.create("Example Mail CA");
    ca.writeTo(caFolder);
  }

  private static ProgramRun openssl(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "openssl";
    System.arraycopy(args, 0, command, 1, args.length);
    return RealPeers.run(command);
  }

  private Path write(String name, CertifiedKey key) {
    key.writeTo(dir.resolve(name + ".crt"), dir.resolve(name + ".key"));
    return dir.resolve(name + ".crt");
  }

  @Test
  void opensslAcceptsAServerCertificateOurCaIssued() {
    Path server = write("server", ca.issueServer(Fqdn.parse("mx.example.com")));

    ProgramRun verify = openssl("verify", "-CAfile", caFolder.resolve("ca.crt").toString(),
        "-purpose", "sslserver", server.toString());

    assertThat(verify.output()).contains(server + ": OK");
  }

  @Test
  void opensslAcceptsAClientCertificateOurCaIssuedForClientAuthentication() {
    Path client = write("client", ca.issueClient("node1.example.com"));

    ProgramRun verify = openssl("verify", "-CAfile", caFolder.resolve("ca.crt").toString(),
        "-purpose", "sslclient", client.toString());

    assertThat(verify.output()).contains(client + ": OK");
  }

  @Test
  void opensslRejectsACertificateFromAnotherCa() {
    Path foreign = write("foreign",
        CertificateAuthority.create("Other CA").issueClient("node1.example.com"));
    Files.exists(foreign);

    ProgramRun verify = openssl("verify", "-CAfile", caFolder.resolve("ca.crt").toString(),
        "-partial_chain", dir.resolve("foreign.crt").toString());

    assertThat(verify.exitCode()).isNotZero();
    assertThat(verify.output()).doesNotContain(": OK");
  }

  @Test
  void serverCertificateNamesTheHostInSubjectAltNameAndCommonName() {
    Path server = write("server", ca.issueServer(Fqdn.parse("mx.example.com")));

    String text = openssl("x509", "-noout", "-text", "-in", server.toString()).output();

    assertThat(text).contains("Subject: CN = mx.example.com").contains("DNS:mx.example.com")
        .contains("TLS Web Server Authentication").contains("CA:FALSE");
  }

  @Test
  void caCertificateIsACaThatIssuesEndEntitiesOnly() {
    String text = openssl("x509", "-noout", "-text", "-in",
        caFolder.resolve("ca.crt").toString()).output();

    assertThat(text).contains("CA:TRUE, pathlen:0").contains("Certificate Sign, CRL Sign");
  }

  @Test
  void caKeyIsWrittenOwnerOnly() throws Exception {
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(caFolder.resolve("ca.key")))).isEqualTo("rw-------");
  }

  @Test
  void signsACsrMadeByOpensslKeepingItsNames() {
    Path key = dir.resolve("device.key");
    Path csr = dir.resolve("device.csr");
    openssl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
        "-out", csr.toString(), "-subj", "/CN=device.example.com",
        "-addext", "subjectAltName=DNS:device.example.com,DNS:alt.example.com");

    X509Certificate signed = ca.sign(Pem.readCsr(csr), Duration.ofDays(500));
    Path crt = dir.resolve("device.crt");
    Pem.writeCertificates(crt, List.of(signed));

    assertThat(openssl("verify", "-CAfile", caFolder.resolve("ca.crt").toString(), crt.toString())
        .output()).contains(": OK");
    assertThat(openssl("x509", "-noout", "-text", "-in", crt.toString()).output())
        .contains("DNS:device.example.com, DNS:alt.example.com");
    assertThat(CertifiedKey.read(crt, key).certificate()).isEqualTo(signed);
  }

  private org.bouncycastle.pkcs.PKCS10CertificationRequest csrWithKey(String... keyOptions) {
    Path csr = dir.resolve("weak.csr");
    List<String> command = new ArrayList<>(List.of("req", "-new", "-nodes", "-keyout",
        dir.resolve("weak.key").toString(), "-out", csr.toString(), "-subj", "/CN=device"));
    command.addAll(List.of(keyOptions));
    openssl(command.toArray(String[]::new));
    return Pem.readCsr(csr);
  }

  @Test
  void refusesACsrWithAnRsaKeyUnder2048Bits() {
    var csr = csrWithKey("-newkey", "rsa:1024");

    assertThatThrownBy(() -> ca.sign(csr, Duration.ofDays(30)))
        .hasMessageContaining("the CSR's key is RSA with 1024 bits");
  }

  @Test
  void refusesACsrWithADsaKey() {
    var csr = csrWithKey("-newkey", "dsa:" + dsaParameters());

    assertThatThrownBy(() -> ca.sign(csr, Duration.ofDays(30)))
        .hasMessageContaining("the CSR's key is DSA");
  }

  @Test
  void refusesACsrWithAnEd448Key() {
    var csr = csrWithKey("-newkey", "ed448");

    assertThatThrownBy(() -> ca.sign(csr, Duration.ofDays(30)))
        .hasMessageContaining("the CSR's key is Ed448");
  }

  @Test
  void signsACsrWithAnEd25519OrP384Key() {
    assertThat(ca.sign(csrWithKey("-newkey", "ed25519"), Duration.ofDays(30))).isNotNull();
    assertThat(ca.sign(csrWithKey("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"),
        Duration.ofDays(30))).isNotNull();
  }

  @Test
  void refusesAValidityUnderADayAsACertificateExpiredAtOnce() {
    var csr = csrWithKey("-newkey", "rsa:2048");

    assertThatThrownBy(() -> ca.sign(csr, Duration.ofDays(0)))
        .hasMessageContaining("would expire at once");
    assertThatThrownBy(() -> ca.sign(csr, Duration.ofDays(-5)))
        .hasMessageContaining("issue it for a day or more");
  }

  private String dsaParameters() {
    Path parameters = dir.resolve("dsa.param");
    openssl("genpkey", "-genparam", "-algorithm", "DSA", "-pkeyopt", "dsa_paramgen_bits:2048",
        "-out", parameters.toString());
    return parameters.toString();
  }

  @Test
  void refusesACsrWhoseSignatureDoesNotVerify() throws Exception {
    Path csr = dir.resolve("device.csr");
    openssl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout",
        dir.resolve("device.key").toString(), "-out", csr.toString(), "-subj", "/CN=device");
    byte[] der = Pem.readCsr(csr).getEncoded();
    der[der.length - 5] ^= 0x5a;
    var tampered = new org.bouncycastle.pkcs.PKCS10CertificationRequest(der);

    assertThatThrownBy(() -> ca.sign(tampered, Duration.ofDays(30)))
        .hasMessageContaining("the CSR's signature does not verify");
  }

  @Test
  void serialNumbersNeverRepeat() {
    Set<BigInteger> serials = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      serials.add(ca.issueClient("node" + i, KeyType.EC_P256, Duration.ofDays(1))
          .certificate().getSerialNumber());
    }

    assertThat(serials).hasSize(50);
  }

  @Test
  void loadsItselfBackFromItsFolder() {
    CertificateAuthority loaded = CertificateAuthority.load(caFolder);

    assertThat(loaded.certificate()).isEqualTo(ca.certificate());
  }

  @Test
  void refusesToLoadAnExpiredCa() {
    Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(3651)), ZoneOffset.UTC);

    assertThatThrownBy(() -> CertificateAuthority.load(caFolder, later))
        .hasMessageContaining("the CA expired on");
  }

  @Test
  void refusesToLoadAFolderWithoutACa() {
    assertThatThrownBy(() -> CertificateAuthority.load(dir))
        .hasMessageContaining("ca.crt does not exist");
  }

  @Test
  void refusesACertificateThatWouldOutliveTheCa() {
    assertThatThrownBy(() -> ca.issueClient("node", KeyType.EC_P256, Duration.ofDays(4000)))
        .hasMessageContaining("would outlive the CA");
  }

  @Test
  void refusesAKeyThatDoesNotMatchItsCertificate() {
    Path server = write("server", ca.issueServer(Fqdn.parse("mx.example.com")));
    write("other", ca.issueServer(Fqdn.parse("other.example.com")));

    assertThatThrownBy(() -> CertifiedKey.read(server, dir.resolve("other.key")))
        .hasMessageContaining("the private key does not match the certificate");
  }

  @Test
  void selfSignedServerCertificateNamesTheHost() {
    Path self = write("self", CertifiedKey.selfSigned(Fqdn.parse("gw.example.com"),
        KeyType.EC_P256, Duration.ofDays(30)));

    assertThat(openssl("verify", "-CAfile", self.toString(), self.toString()).output())
        .contains(": OK");
    assertThat(openssl("x509", "-noout", "-ext", "subjectAltName", "-in", self.toString())
        .output()).contains("DNS:gw.example.com");
  }
}
