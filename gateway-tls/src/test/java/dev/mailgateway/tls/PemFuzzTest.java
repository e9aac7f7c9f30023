package dev.mailgateway.tls;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A PEM file as an operator hands it over (bundle.crt, cert.key, rootCA.crt): certificates and a
 * key are read, or refused with the file named, never another exception. The seeds in {@code
 * PemFuzzTestInputs} run in every build; fuzzing is {@code bench/fuzz.sh}.
 */
class PemFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void certificatesAndKeysAreReadOrRefusedWithTheFileNamed(byte[] file) {
    String text = new String(file, StandardCharsets.ISO_8859_1);
    try {
      List<X509Certificate> chain = Pem.parseCertificates(text, "bundle.crt");
      if (chain.isEmpty()) {
        throw new AssertionError("no certificate, yet no refusal");
      }
    } catch (IllegalArgumentException refused) {
      FuzzRefusals.named(refused, "bundle.crt");
    }
    try {
      Pem.parsePrivateKey(text, Optional.empty(), "cert.key");
    } catch (IllegalArgumentException refused) {
      FuzzRefusals.named(refused, "cert.key");
    }
  }
}
