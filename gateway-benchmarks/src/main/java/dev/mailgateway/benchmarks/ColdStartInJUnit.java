package dev.mailgateway.benchmarks;

import org.junit.jupiter.api.Test;

/**
 * The same first start inside a JUnit 5 test, JUnit already loaded and running: what a test
 * suite pays for its first gateway. Run by bench/cold-start.sh through JUnit's console launcher,
 * the subject in {@code -Dsubject=gateway|greenmail}.
 */
public class ColdStartInJUnit {

  @Test
  public void firstStart() throws Exception {
    System.out.printf(java.util.Locale.ROOT, "first=%.1f%n", ColdStart.startOnce(System.getProperty("subject")));
  }
}
