package dev.mailgateway.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgateway.api.DkimAlgorithm;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DkimKeyAndRecordTest {

  @TempDir
  Path dir;

  @Test
  void rsaKeysHave2048BitsByDefault() {
    assertThat(DkimKey.generate(DkimAlgorithm.RSA).bits()).isEqualTo(2048);
  }

  @Test
  void weakRsaKeysAreRefusedUnlessAllowed() {
    assertThatThrownBy(() -> DkimKey.generate(DkimAlgorithm.RSA, 1024, false))
        .hasMessageContaining("1024-bit RSA keys are weak");
    assertThat(DkimKey.generate(DkimAlgorithm.RSA, 1024, true).bits()).isEqualTo(1024);
    assertThatThrownBy(() -> DkimKey.generate(DkimAlgorithm.RSA, 512, true))
        .hasMessageContaining("512 bits is not an RSA key size we generate");
  }

  /** A key file of an RSA size we would not generate. */
  private Path rsaKeyFile(int bits) throws Exception {
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
    generator.initialize(bits);
    java.security.KeyPair pair = generator.generateKeyPair();
    Path file = dir.resolve("rsa" + bits + ".private");
    new DkimKey(DkimAlgorithm.RSA, pair.getPrivate(), pair.getPublic()).write(file);
    return file;
  }

  @Test
  void aWeakRsaKeyFileIsRefusedUnlessAllowed() throws Exception {
    Path weak = rsaKeyFile(1024);

    assertThatThrownBy(() -> DkimKey.read(weak))
        .hasMessageContaining("a 1024-bit RSA key is weak").hasMessageContaining(weak.toString());
    assertThat(DkimKey.read(weak, true).bits()).isEqualTo(1024);
  }

  @Test
  void anRsaKeyFileUnder1024BitsIsRefusedEvenWhenWeakKeysAreAllowed() throws Exception {
    Path broken = rsaKeyFile(512);

    assertThatThrownBy(() -> DkimKey.read(broken, true))
        .hasMessageContaining("a 512-bit RSA key cannot sign DKIM").hasMessageContaining("RFC 8301");
  }

  @Test
  void keysSurviveTheirFile() {
    DkimKey ed = DkimKey.generate(DkimAlgorithm.ED25519);
    ed.write(dir.resolve("ed.private"));

    DkimKey read = DkimKey.read(dir.resolve("ed.private"));

    assertThat(read).isEqualTo(ed);
    assertThat(read.publicKeyData()).isEqualTo(ed.publicKeyData()).hasSize(32);
  }

  @Test
  void aKeyNeverShowsItsMaterialInItsStringForm() {
    DkimKey key = DkimKey.generate(DkimAlgorithm.RSA);

    assertThat(key.toString()).startsWith("DkimKey[rsa, 2048 bits").doesNotContain(
        java.util.Base64.getEncoder().encodeToString(key.privateKey().getEncoded()).substring(0, 40));
  }

  @Test
  void recordsCarryTheirFlags() {
    DkimRecord record = DkimRecord.of(DkimKey.generate(DkimAlgorithm.ED25519), true, true);

    assertThat(record.value()).startsWith("v=DKIM1; h=sha256; k=ed25519; t=y; s=email; p=");
    assertThat(DkimRecord.parse(record.value())).isEqualTo(record);
  }

  @Test
  void aRecordWithoutKeyIsAClearError() {
    assertThatThrownBy(() -> DkimRecord.parse("v=DKIM1; k=rsa"))
        .hasMessage("the key record has no p= (public key) tag");
  }

  @Test
  void aRecordOfAnotherVersionIsAClearError() {
    assertThatThrownBy(() -> DkimRecord.parse("v=DKIM2; p=AAAA"))
        .hasMessageContaining("v=DKIM2, expected DKIM1");
  }

  @Test
  void aRecordWithBrokenBase64IsAClearError() {
    assertThatThrownBy(() -> DkimRecord.parse("v=DKIM1; p=!!!"))
        .hasMessageContaining("p= is not base64");
  }

  @Test
  void anEmptyKeyMeansRevoked() {
    assertThat(DkimRecord.parse("v=DKIM1; p=").isRevoked()).isTrue();
  }
}
