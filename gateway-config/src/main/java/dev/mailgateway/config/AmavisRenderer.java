package dev.mailgateway.config;

import dev.mailgateway.api.ContentFilter;
import dev.mailgateway.api.GatewayPolicy;
import java.util.List;

/**
 * Renders the files of Debian's Amavis {@code conf.d} that the image sets: the host name, the
 * bypass maps that switch virus and spam checks on or off, the SpamAssassin levels, and the
 * ports of the Postfix content filter loop. Each file is Perl and ends in {@code 1;}.
 */
final class AmavisRenderer {

  private final RenderLayout layout;

  AmavisRenderer(RenderLayout layout) {
    this.layout = layout;
  }

  List<ConfigFile> render(GatewayPolicy policy) {
    ContentFilter filter = policy.contentFilter();
    return List.of(
        file("05-node_id", "$myhostname = " + perlString(policy.hostname().name()) + ";\n"),
        file("15-content_filter_mode",
            bypass("virus", filter.virusChecks()) + bypass("spam", filter.spamChecks())),
        file("50-user",
            "$sa_tag_level_deflt = " + filter.tagLevel() + ";\n"
                + "$sa_tag2_level_deflt = " + filter.tag2Level() + ";\n"
                + "$sa_kill_level_deflt = " + filter.killLevel() + ";\n"
                + "$inet_socket_port = " + layout.contentFilterPort() + ";\n"
                + "$forward_method = 'smtp:[127.0.0.1]:" + layout.reinjectionPort() + "';\n"
                + "$notify_method = $forward_method;\n"));
  }

  /**
   * Amavis checks unless a bypass map says otherwise: the lookup maps leave the checks on, the
   * constant 1 bypasses them for every recipient.
   */
  private static String bypass(String kind, boolean on) {
    String maps = on
        ? "(\\%bypass_" + kind + "_checks, \\@bypass_" + kind + "_checks_acl, \\$bypass_" + kind
            + "_checks_re)"
        : "(1)";
    return "@bypass_" + kind + "_checks_maps = " + maps + ";\n";
  }

  private ConfigFile file(String name, String body) {
    return ConfigFile.text("amavis/conf.d/" + name,
        "use strict;\n\n" + RenderedBy.comment("#") + "\n" + body + "\n1;\n");
  }

  private static String perlString(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
