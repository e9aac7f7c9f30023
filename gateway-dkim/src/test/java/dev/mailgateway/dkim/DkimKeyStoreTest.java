package dev.mailgateway.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgateway.api.DkimSigning;
import dev.mailgateway.api.Fqdn;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.config.GatewayRenderer;
import dev.mailgateway.config.RenderLayout;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DkimKeyStoreTest {

  @TempDir
  Path keys;

  private DkimSigning policy(String algorithm) {
    return MailGateway.policy()
        .dkim(d -> d.domains("example.com", "example.org").keyDirectory(keys).algorithm(algorithm))
        .build().dkim().orElseThrow();
  }

  @Test
  void generatesTheMissingKeysWhereTheImageKeepsThem() {
    List<GeneratedKey> generated = DkimKeyStore.of(policy("rsa")).generateMissing();

    assertThat(generated).extracting(g -> g.domain().name()).containsExactly("example.com", "example.org");
    assertThat(keys.resolve("example.com/default.private")).exists();
    assertThat(keys.resolve("example.com/default.txt")).content()
        .startsWith("default._domainkey\tIN\tTXT\t( \"v=DKIM1; h=sha256; k=rsa; s=email; \"");
  }

  @Test
  void privateKeysAreOwnerOnly() throws Exception {
    DkimKeyStore.of(policy("rsa")).generateMissing();

    assertThat(PosixFilePermissions.toString(
        Files.getPosixFilePermissions(keys.resolve("example.org/default.private")))).isEqualTo("rw-------");
  }

  @Test
  void neverOverwritesAnExistingKey() throws Exception {
    DkimKeyStore store = DkimKeyStore.of(policy("rsa"));
    store.generateMissing();
    byte[] before = Files.readAllBytes(keys.resolve("example.com/default.private"));

    assertThat(store.generateMissing()).isEmpty();
    assertThat(Files.readAllBytes(keys.resolve("example.com/default.private"))).isEqualTo(before);
  }

  @Test
  void generatesEd25519KeysOnRequest() {
    DkimKeyStore store = DkimKeyStore.of(policy("ed25519"));

    assertThat(store.generateMissing().get(0).record().value()).contains("k=ed25519;");
    assertThat(store.key(Fqdn.parse("example.com")).algorithm().tag()).isEqualTo("ed25519");
  }

  @Test
  void theKeyTableNamesExactlyTheStoresFiles() {
    DkimSigning dkim = policy("rsa");
    DkimKeyStore store = DkimKeyStore.of(dkim);
    store.generateMissing();

    String keyTable = GatewayRenderer.forLayout(RenderLayout.system())
        .render(MailGateway.policy().dkim(d -> d.domains("example.com", "example.org").keyDirectory(keys)).build())
        .text("opendkim/KeyTable");

    for (Fqdn domain : dkim.domains()) {
      assertThat(keyTable).contains(":" + store.privateKeyFile(domain));
      assertThat(store.privateKeyFile(domain)).exists();
    }
  }

  @Test
  void itsSignerSignsWithTheStoredKeyAndItsRecordVerifies() {
    DkimKeyStore store = DkimKeyStore.of(policy("rsa"));
    store.generateMissing();
    Fqdn domain = Fqdn.parse("example.com");
    byte[] message = TestMessages.sevenBit();

    byte[] signed = TestMessages.signed(message, store.signer(domain).sign(new ByteArrayInputStream(message)));

    assertThat(new DkimVerifier(InMemoryKeyResolver.empty().with("default", "example.com", store.record(domain)))
        .verify(new ByteArrayInputStream(signed))).allMatch(DkimResult::passed);
  }

  @Test
  void aMissingKeyIsAClearError() {
    assertThatThrownBy(() -> DkimKeyStore.of(policy("rsa")).key(Fqdn.parse("example.com")))
        .hasMessageContaining("no DKIM key for example.com at " + keys.resolve("example.com/default.private"));
  }
}
