package dev.mailgateway.benchmarks;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How long a suite's first test waits for the extension a subclass registers (its set-up before
 * each test), from the class's {@code @BeforeAll}: {@code first=N} in milliseconds.
 */
public abstract class FirstTestTiming {

  private static long beforeAll;

  @BeforeAll
  static void mark() {
    beforeAll = System.nanoTime();
  }

  @Test
  public void firstTest() {
    System.out.printf(java.util.Locale.ROOT, "first=%.1f%n", (System.nanoTime() - beforeAll) / 1e6);
  }
}
