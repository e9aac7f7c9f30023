package dev.mailgateway.tls;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A certificate signing request from whoever asks for a client certificate: read and signed, or
 * refused with a reason, never another exception; what is signed carries an accepted key. The
 * seeds in {@code CsrFuzzTestInputs} run in every build; fuzzing is {@code bench/fuzz.sh}.
 */
class CsrFuzzTest {

  private static final CertificateAuthority CA = CertificateAuthority.create("Fuzz CA");

  @FuzzTest(maxDuration = "60s")
  void aRequestIsSignedOrRefusedWithItsReason(byte[] file) {
    PKCS10CertificationRequest csr;
    try {
      csr = Pem.parseCsr(new String(file, StandardCharsets.ISO_8859_1), "client.csr");
    } catch (IllegalArgumentException refused) {
      FuzzRefusals.named(refused, "client.csr");
      return;
    }
    try {
      CA.sign(csr, Duration.ofDays(1));
    } catch (IllegalArgumentException refused) {
      FuzzRefusals.named(refused, "");
    }
  }
}
