package dev.mailgateway.benchmarks;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The first test of a suite that uses GreenMail's JUnit extension, a server for each test as
 * {@link ExtensionFirstTest}'s gateway is: the peer of that figure in bench/cold-start.sh.
 */
public class GreenMailExtensionFirstTest {

  private static long beforeAll;

  @RegisterExtension
  final GreenMailExtension mail =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

  @BeforeAll
  static void mark() {
    beforeAll = System.nanoTime();
  }

  @Test
  public void firstTest() {
    System.out.printf(java.util.Locale.ROOT, "first=%.1f%n", (System.nanoTime() - beforeAll) / 1e6);
  }
}
