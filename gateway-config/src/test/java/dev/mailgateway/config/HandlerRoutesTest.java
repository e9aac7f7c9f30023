package dev.mailgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.api.PolicyException;
import org.junit.jupiter.api.Test;

/** A transport entry app:NAME names an application's handler, which only the runtime has. */
class HandlerRoutesTest {

  private static final GatewayPolicy POLICY = MailGateway.policy()
      .hostname("gateway.example.test")
      .route("example.com", "smtp:[10.0.0.5]:25")
      .route("support.example.com", "app:tickets")
      .build();

  @Test
  void postfixIsNotRenderedForAPolicyThatNamesAHandler() {
    assertThatThrownBy(() -> GatewayRenderer.forLayout(RenderLayout.system()).render(POLICY))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("transports[1]")
        .hasMessageContaining("'support.example.com app:tickets' names an application's mail handler");
  }

  @Test
  void theImagesEnvironmentIsNotExportedForAPolicyThatNamesAHandler() {
    assertThatThrownBy(() -> ContainerExport.of(POLICY))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("transports[1]");
  }

  @Test
  void aHandlerRouteSurvivesAPolicyFile() {
    String yaml = PolicyFiles.write(POLICY, PolicyFiles.Format.YAML);

    assertThat(PolicyFiles.parse(yaml, PolicyFiles.Format.YAML, "policy.yaml").transports())
        .isEqualTo(POLICY.transports());
  }

  @Test
  void aHandlerRouteWithoutAUsableNameIsRefused() {
    assertThatThrownBy(() -> MailGateway.policy().hostname("gateway.example.test")
        .route("support.example.com", "app:").build())
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("app: does not name a handler");
  }
}
