package dev.mailgateway.config;

import dev.mailgateway.api.ContentFilter;
import dev.mailgateway.api.Destiny;
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
                + "$notify_method = $forward_method;\n"
                + destinies(filter)));
  }

  /**
   * The destinies, and where quarantined mail goes. Amavis after Postfix's queue cannot refuse
   * a message to its sender: Postfix turns its reject into a bounce. The runtime refuses at the
   * end of DATA instead.
   */
  private static String destinies(ContentFilter filter) {
    return "$final_spam_destiny = " + filter.spamDestiny().amavisName() + ";\n"
        + "$final_virus_destiny = " + filter.virusDestiny().amavisName() + ";\n"
        + "$sa_spam_subject_tag = '***SPAM*** ';\n"
        + "$QUARANTINEDIR = " + perlString(filter.quarantineDirectory().toString()) + ";\n"
        + quarantine("spam", filter.spamDestiny()) + quarantine("virus", filter.virusDestiny());
  }

  private static String quarantine(String kind, Destiny destiny) {
    return destiny == Destiny.QUARANTINE
        ? "$" + kind + "_quarantine_method = 'local:" + kind + "-%m';\n"
            + "$" + kind + "_quarantine_to = '" + kind + "-quarantine';\n"
        : "$" + kind + "_quarantine_to = undef;\n";
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
