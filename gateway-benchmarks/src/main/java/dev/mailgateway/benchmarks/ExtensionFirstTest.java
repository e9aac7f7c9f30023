package dev.mailgateway.benchmarks;

import dev.mailgateway.junit.MailGatewayExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The first test of a suite that uses the JUnit extension: how long the extension's set-up (its
 * gateway and the GreenMail server behind it) keeps the first test waiting. Run by
 * bench/cold-start.sh through JUnit's console launcher.
 */
public class ExtensionFirstTest extends FirstTestTiming {

  @RegisterExtension
  final MailGatewayExtension mail = MailGatewayExtension.with(policy -> policy.withoutContentFilter());
}
