package dev.mailgateway.benchmarks;

import dev.mailgateway.api.DkimAlgorithm;
import dev.mailgateway.api.Fqdn;
import dev.mailgateway.dkim.DkimKey;
import dev.mailgateway.dkim.DkimSigner;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Signatures per second for messages of three sizes, RSA-2048 and Ed25519. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DkimSigningBenchmark {

  @Param({"2048", "102400", "10485760"})
  public int size;

  @Param({"rsa", "ed25519"})
  public String algorithm;

  private byte[] message;
  private DkimSigner signer;

  /** A text message of the size, 78-character lines, and a signer with a fresh key. */
  @Setup
  public void prepare() {
    StringBuilder text = new StringBuilder("From: Alice <alice@example.com>\r\nTo: bob@example.org\r\n"
        + "Subject: benchmark\r\nDate: Wed, 25 Nov 2026 10:00:00 +0000\r\n"
        + "Message-ID: <bench@example.com>\r\n\r\n");
    while (text.length() < size) {
      text.append("The quick brown fox jumps over the lazy dog, again and again and again.\r\n");
    }
    message = text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    signer = DkimSigner.of(Fqdn.parse("example.com"), "bench",
        DkimKey.generate(DkimAlgorithm.parse(algorithm)));
  }

  /** One signature over the whole message, hashed as it streams. */
  @Benchmark
  public List<String> sign() {
    return signer.sign(new ByteArrayInputStream(message));
  }
}
