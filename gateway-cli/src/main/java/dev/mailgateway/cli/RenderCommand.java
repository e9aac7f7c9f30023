package dev.mailgateway.cli;

import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.config.ConfigTree;
import dev.mailgateway.config.GatewayRenderer;
import dev.mailgateway.config.PostfixInstance;
import dev.mailgateway.config.RenderLayout;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gateway render}: a policy or an env file to Postfix, Amavis and OpenDKIM files. */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = "Render the configuration of Postfix, Amavis and OpenDKIM into a folder.")
final class RenderCommand implements Callable<Integer> {

  @Mixin
  PolicySource source;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Where to write the files (for an instance, its root, which is the default).")
  Path out;

  @Option(names = "--instance-root", paramLabel = "DIR",
      description = "Render a private instance whose every path lies below DIR, with its queue, data"
          + " and log folders, ready for 'postfix -c DIR/postfix start' (needs --listen and root).")
  Path instanceRoot;

  @Option(names = "--listen", paramLabel = "HOST:PORT",
      description = "The loopback address a private instance listens on, such as 127.0.0.1:2525.")
  String listen;

  @Option(names = "--no-dkim-keys",
      description = "Do not generate the DKIM keys that are missing (they are by default, as the image does).")
  boolean noDkimKeys;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    RenderLayout layout = layout();
    Path target = target(layout);
    GatewayPolicy policy = source.read(spec.commandLine().getErr()).policy();
    ConfigTree tree = GatewayRenderer.forLayout(layout).render(policy);
    // Before the keys: a render that cannot be written must not leave new keys behind.
    tree.checkWritable(target);
    layout.instanceRoot().ifPresent(PostfixInstance::prepareFolders);
    if (!noDkimKeys) {
      DkimKeys.generateMissing(policy, spec.commandLine().getOut());
    }
    WrittenFiles.print(tree.writeTo(target), spec.commandLine().getOut());
    layout.instanceRoot().ifPresent(root -> spec.commandLine().getOut().println(
        "start it with: postfix -c " + root.resolve("postfix") + " start"));
    return 0;
  }

  /** An instance's files go below its root; anywhere else its paths would point at nothing. */
  private Path target(RenderLayout layout) {
    Optional<Path> root = layout.instanceRoot();
    if (root.isEmpty()) {
      if (out == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--out=DIR'");
      }
      return out;
    }
    if (out != null && !out.toAbsolutePath().normalize().equals(root.get())) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out
          + " is not the instance root " + root.get() + ": an instance's files lie below its root"
          + " (leave --out away)");
    }
    return root.get();
  }

  private RenderLayout layout() {
    if ((instanceRoot == null) != (listen == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--instance-root and --listen go together");
    }
    if (instanceRoot == null) {
      return RenderLayout.system();
    }
    int colon = listen.lastIndexOf(':');
    if (colon < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--listen wants HOST:PORT, such as 127.0.0.1:2525");
    }
    try {
      return RenderLayout.instance(instanceRoot, listen.substring(0, colon),
          Integer.parseInt(listen.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--listen: '" + listen.substring(colon + 1) + "' is not a port number");
    }
  }
}
