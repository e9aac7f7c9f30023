package dev.mailgateway.runtime;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up of a test whose gateway relays to a real smtp-sink: a sink started before each test
 * in the test's folder, and both stopped after it. The test starts its gateway into {@link
 * #gateway}.
 */
public abstract class GatewayToSinkTest {

  @TempDir
  protected Path dir;
  protected SmtpSink sink;
  protected EmbeddedGateway gateway;

  @BeforeEach
  void startSink() throws Exception {
    sink = SmtpSink.start(dir);
  }

  @AfterEach
  void stopGatewayAndSink() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    sink.close();
  }
}
