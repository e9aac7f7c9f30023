package dev.mailgateway.examples;

import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.config.GatewayRenderer;
import dev.mailgateway.config.RenderLayout;
import java.nio.file.Path;

/** What every example's {@code main} does: render its policy and say where it went. */
final class ExampleOutput {

  private ExampleOutput() {}

  static void render(String name, GatewayPolicy policy, String[] args) {
    Path out = Path.of(args.length > 0 ? args[0] : "example-out/" + name);
    GatewayRenderer.forLayout(RenderLayout.system()).render(policy).writeTo(out)
        .forEach(file -> System.out.println("wrote " + file));
    policy.warnings().forEach(w -> System.out.println("warning: " + w));
  }
}
