package dev.mailgateway.runtime.receive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.GatewayOptions;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.api.PolicyBuilder;
import dev.mailgateway.config.PostfixInstance;
import dev.mailgateway.runtime.EmbeddedGateway;
import java.nio.file.Path;

/**
 * One policy run twice for a differential test: by a private real Postfix rendered from it, and
 * by the runtime. Both stop on close.
 */
final class BothGateways implements AutoCloseable {

  /** A dialogue with a gateway at an address, and what came of it. */
  @FunctionalInterface
  interface Dialogue<T> {
    T with(String host, int port) throws Exception;
  }

  private final PostfixInstance postfix;
  private final EmbeddedGateway runtime;

  private BothGateways(PostfixInstance postfix, EmbeddedGateway runtime) {
    this.postfix = postfix;
    this.runtime = runtime;
  }

  /**
   * The policy the differential tests start from: 127.0.0.1 trusted (127.0.0.2 is the untrusted
   * client), relay.example.test relayed, the next hop a closed port, no content filter.
   */
  static PolicyBuilder policy() {
    return MailGateway.policy()
        .hostname("gateway.example.test")
        .trust("127.0.0.1/32")
        .relayDomains("relay.example.test")
        .relayHost("[127.0.0.1]:9")
        .withoutContentFilter();
  }

  /** Starts Postfix (its instance below the root) and the runtime on the same policy. */
  static BothGateways start(GatewayPolicy policy, Path root) {
    PostfixInstance postfix = PostfixInstance.start(policy, root);
    try {
      return new BothGateways(postfix, EmbeddedGateway.start(policy, GatewayOptions.forTests()));
    } catch (RuntimeException e) {
      postfix.close();
      throw e;
    }
  }

  PostfixInstance postfix() {
    return postfix;
  }

  EmbeddedGateway runtime() {
    return runtime;
  }

  /** Holds the same dialogue with both, checks that they came out alike, and returns Postfix's. */
  <T> T alike(Dialogue<T> dialogue) throws Exception {
    T fromPostfix = dialogue.with(postfix.host(), postfix.port());
    T fromRuntime = dialogue.with(runtime.host(), runtime.port());

    assertThat(fromRuntime).as("the runtime's, Postfix's being %s", fromPostfix)
        .isEqualTo(fromPostfix);
    return fromPostfix;
  }

  @Override
  public void close() {
    try {
      postfix.close();
    } finally {
      runtime.close();
    }
  }
}
