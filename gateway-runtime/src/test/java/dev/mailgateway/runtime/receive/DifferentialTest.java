package dev.mailgateway.runtime.receive;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A differential test class: its {@code @BeforeAll} starts {@link #both} below {@link #root},
 * and both gateways stop after the class.
 */
abstract class DifferentialTest {

  @TempDir
  static Path root;
  static BothGateways both;

  @AfterAll
  static void stopBoth() {
    if (both != null) {
      both.close();
      both = null;
    }
  }
}
