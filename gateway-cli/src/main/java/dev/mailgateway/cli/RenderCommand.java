package dev.mailgateway.cli;

import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.config.ConfigTree;
import dev.mailgateway.config.GatewayRenderer;
import dev.mailgateway.config.RenderLayout;
import java.nio.file.Path;
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

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where to write the files.")
  Path out;

  @Option(names = "--instance-root", paramLabel = "DIR",
      description = "Render a private instance whose every path lies below DIR (needs --listen).")
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
    GatewayPolicy policy = source.read(spec.commandLine().getErr()).policy();
    ConfigTree tree = GatewayRenderer.forLayout(layout).render(policy);
    // Before the keys: a render that cannot be written must not leave new keys behind.
    tree.checkWritable(out);
    if (!noDkimKeys) {
      DkimKeys.generateMissing(policy, spec.commandLine().getOut());
    }
    WrittenFiles.print(tree.writeTo(out), spec.commandLine().getOut());
    return 0;
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
