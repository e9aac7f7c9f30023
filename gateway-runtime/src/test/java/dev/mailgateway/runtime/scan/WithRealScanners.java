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
public abstract class WithRealScanners {

  @TempDir
  protected static Path scannerFolder;
  protected static ScannerDaemon clamd;
  protected static ScannerDaemon spamd;

  @BeforeAll
  protected static void startScanners() throws Exception {
    clamd = ScannerDaemon.clamd(Files.createDirectories(scannerFolder.resolve("clamd")), "25M");
    spamd = ScannerDaemon.spamd(Files.createDirectories(scannerFolder.resolve("spamd")));
  }

  @AfterAll
  protected static void stopScanners() {
    if (clamd != null) {
      clamd.close();
    }
    if (spamd != null) {
      spamd.close();
    }
  }
}
