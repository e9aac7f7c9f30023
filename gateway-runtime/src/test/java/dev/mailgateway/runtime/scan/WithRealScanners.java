package dev.mailgateway.runtime.scan;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real clamd (a database of the tests' own: EICAR's signature) and a real spamd (Debian's
 * rules) for the tests of a class, started before them and stopped after.
 */
abstract class WithRealScanners {

  @TempDir
  static Path scannerFolder;
  static ScannerDaemon clamd;
  static ScannerDaemon spamd;

  @BeforeAll
  static void startScanners() throws Exception {
    clamd = ScannerDaemon.clamd(Files.createDirectories(scannerFolder.resolve("clamd")), "25M");
    spamd = ScannerDaemon.spamd(Files.createDirectories(scannerFolder.resolve("spamd")));
  }

  @AfterAll
  static void stopScanners() {
    if (clamd != null) {
      clamd.close();
    }
    if (spamd != null) {
      spamd.close();
    }
  }
}
