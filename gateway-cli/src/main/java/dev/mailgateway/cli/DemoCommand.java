package dev.mailgateway.cli;

import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.config.ConfigTree;
import dev.mailgateway.config.GatewayRenderer;
import dev.mailgateway.config.PolicyFiles;
import dev.mailgateway.config.RenderLayout;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gateway demo}: renders a demonstration policy, so a new user sees the whole output. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Render a demonstration gateway (outbound relay for 10.0.0.0/8 and one TLS"
        + " client, DKIM for two domains with their keys, spam and virus checks) and show what"
        + " was written.")
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "demo-out",
      description = "Where to write (default: ${DEFAULT-VALUE}).")
  Path out;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  static GatewayPolicy demoPolicy(Path keys) {
    return MailGateway.policy()
        .hostname("mx.example.com")
        .trust("127.0.0.0/8", "10.0.0.0/8", "fd00:1234::/32")
        .relayHost("[smtp.example.net]:587")
        .relayDomains("example.com")
        .inboundTls(tls -> tls
            .certificate(Path.of("/etc/postfix/tls/bundle.crt"))
            .key(Path.of("/etc/postfix/tls/cert.key"))
            .allowClientFingerprint(
                "3E:9A:1C:55:0B:77:D2:48:6F:21:90:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23",
                "node1.example.com"))
        .outboundTls(tls -> tls.securityLevel("encrypt"))
        .dkim(dkim -> dkim.domains("example.com", "example.org").keyDirectory(keys))
        .route("example.com", "smtp:[10.0.0.25]:25")
        .headerCheck("/^Received:.*\\[10\\./ IGNORE")
        .maximalQueueLifetime("3d")
        .build();
  }

  @Override
  public Integer call() {
    GatewayPolicy policy = demoPolicy(out.toAbsolutePath().resolve("opendkim/keys"));
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println("The demo policy:");
    stdout.println();
    stdout.print(PolicyFiles.write(policy, PolicyFiles.Format.YAML));
    stdout.println();
    ConfigTree tree = GatewayRenderer.forLayout(RenderLayout.system()).render(policy);
    DkimKeys.generateMissing(policy, stdout);
    stdout.println();
    WrittenFiles.print(tree.writeTo(out), stdout);
    stdout.println();
    stdout.println("Check it with real Postfix:  postconf -c " + out.resolve("postfix") + " -n");
    stdout.flush();
    return 0;
  }
}
