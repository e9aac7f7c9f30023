package dev.mailgateway.benchmarks;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The first test of a suite that uses GreenMail's JUnit extension, a server for each test as
 * {@link ExtensionFirstTest}'s gateway is: the peer of that figure in bench/cold-start.sh.
 */
public class GreenMailExtensionFirstTest extends FirstTestTiming {

  @RegisterExtension
  final GreenMailExtension mail =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
}
