package dev.mailgateway.config;

import dev.mailgateway.api.Cidr;
import dev.mailgateway.api.GatewayPolicy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Renders a policy to the configuration of the real daemons: {@code postfix/} (main.cf,
 * master.cf, lookup tables that need no postmap run), {@code amavis/conf.d/} when content
 * filtering is on, and {@code opendkim/} when DKIM signing is on.
 *
 * <pre>{@code
 * ConfigTree tree = GatewayRenderer.forLayout(RenderLayout.system()).render(policy);
 * tree.writeTo(Path.of("out"));
 * }</pre>
 */
public final class GatewayRenderer {

  private final RenderLayout layout;
  private final Supplier<List<Cidr>> connectedNetworks;

  private GatewayRenderer(RenderLayout layout, Supplier<List<Cidr>> connectedNetworks) {
    this.layout = layout;
    this.connectedNetworks = connectedNetworks;
  }

  /** A renderer for a layout; connected networks are read from this host's interfaces. */
  public static GatewayRenderer forLayout(RenderLayout layout) {
    return new GatewayRenderer(Objects.requireNonNull(layout, "layout"), ConnectedNetworks::ofThisHost);
  }

  /** The same renderer with another source of connected networks, for a policy that trusts them. */
  public GatewayRenderer withConnectedNetworks(Supplier<List<Cidr>> source) {
    return new GatewayRenderer(layout, Objects.requireNonNull(source, "source"));
  }

  /** The layout rendered for. */
  public RenderLayout layout() {
    return layout;
  }

  /**
   * Renders every file of the policy.
   *
   * @throws dev.mailgateway.api.PolicyException when the policy names what Postfix cannot do:
   *     an application's mail handler
   */
  public ConfigTree render(GatewayPolicy policy) {
    List<dev.mailgateway.api.Violation> handlers = HandlerRoutes.in(policy);
    if (!handlers.isEmpty()) {
      throw new dev.mailgateway.api.PolicyException(handlers);
    }
    List<Cidr> mynetworks = mynetworks(policy);
    List<ConfigFile> files = new ArrayList<>(new PostfixRenderer(layout, mynetworks).render(policy));
    if (policy.contentFilter().enabled()) {
      files.addAll(new AmavisRenderer(layout).render(policy));
    }
    policy.dkim().ifPresent(dkim -> files.addAll(new OpenDkimRenderer(layout, mynetworks,
        policy.hostname().name()).render(dkim)));
    return ConfigTree.of(files);
  }

  /** The trusted networks in effect: the policy's, plus the host's when it trusts those. */
  public List<Cidr> mynetworks(GatewayPolicy policy) {
    Set<Cidr> networks = new LinkedHashSet<>(policy.trust());
    if (policy.trustConnectedNetworks()) {
      networks.addAll(connectedNetworks.get());
    }
    return List.copyOf(networks);
  }
}
