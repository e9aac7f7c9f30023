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
    List<ConfigFile> files = new java.util.ArrayList<>(List.of(
        file("05-node_id", "$myhostname = " + perlString(policy.hostname().name()) + ";\n"
            + "$mydomain = " + perlString(policy.hostname().name()) + ";\n"
            + localDomains(policy)),
        file("15-content_filter_mode",
            bypass("virus", filter.virusChecks()) + bypass("spam", filter.spamChecks())),
        file("50-user",
            "$sa_tag_level_deflt = " + filter.tagLevel() + ";\n"
                + "$sa_tag2_level_deflt = " + filter.tag2Level() + ";\n"
                + "$sa_kill_level_deflt = " + filter.killLevel() + ";\n"
                + "$inet_socket_port = " + layout.contentFilterPort() + ";\n"
                + "$forward_method = 'smtp:[127.0.0.1]:" + layout.reinjectionPort() + "';\n"
                + "$notify_method = $forward_method;\n"
                + destinies(filter))));
    layout.instanceRoot().ifPresent(root -> files.add(file("60-instance", instance(root))));
    return files;
  }

  /**
   * A private instance's own places below its root, so that it runs beside a system Amavis:
   * home, temporary files, pid and lock, its log file instead of syslog, and no shared
   * databases.
   */
  private String instance(java.nio.file.Path root) {
    return "$MYHOME = " + perlString(root.resolve("amavis/home").toString()) + ";\n"
        + "$TEMPBASE = \"$MYHOME/tmp\";\n"
        + "$db_home = \"$MYHOME/db\";\n"
        + "$helpers_home = \"$MYHOME/var\";\n"
        + "$pid_file = \"$MYHOME/amavisd.pid\";\n"
        + "$lock_file = \"$MYHOME/amavisd.lock\";\n"
        + "$DO_SYSLOG = 0;\n"
        + "$LOGFILE = " + perlString(root.resolve("log/amavis.log").toString()) + ";\n"
        + "$enable_db = 0;\n"
        + "$enable_global_cache = 0;\n"
        + "$max_servers = 2;\n"
        + "$inet_socket_bind = '127.0.0.1';\n";
  }

  /**
   * The destinies, and where quarantined mail goes: one flat folder of {@code virus-<id>} and
   * {@code spam-<id>} files, as the runtime keeps it. Amavis after Postfix's queue cannot refuse
   * a message to its sender: Postfix turns its reject into a bounce. The runtime refuses at the
   * end of DATA instead.
   */
  private static String destinies(ContentFilter filter) {
    return "$final_spam_destiny = " + filter.spamDestiny().amavisName() + ";\n"
        + "$final_virus_destiny = " + filter.virusDestiny().amavisName() + ";\n"
        + "$sa_spam_subject_tag = '***SPAM*** ';\n"
        + "$QUARANTINEDIR = " + perlString(filter.quarantineDirectory().toString()) + ";\n"
        + "$quarantine_subdir_levels = 0;\n"
        + quarantine("spam", filter.spamDestiny()) + quarantine("virus", filter.virusDestiny())
        + scannerFailure(filter);
  }

  /**
   * What a failed virus scan does. Amavis leaves {@code $virus_scanners_failure_is_fatal} unset,
   * so when clamd is down it delivers the mail marked {@code ***UNCHECKED***}: silently unscanned
   * unless someone reads subjects. Unless the policy fails open, the failure is made a temporary
   * one, as the runtime's 451 4.7.1: Postfix keeps the message and tries again.
   */
  private static String scannerFailure(ContentFilter filter) {
    return "$virus_scanners_failure_is_fatal = " + (filter.failOpen() ? 0 : 1) + ";\n";
  }

  private static String quarantine(String kind, Destiny destiny) {
    return destiny == Destiny.QUARANTINE
        ? "$" + kind + "_quarantine_method = 'local:" + kind + "-%m';\n"
            + "$" + kind + "_quarantine_to = '" + kind + "-quarantine';\n"
        : "$" + kind + "_quarantine_to = undef;\n";
  }

  /**
   * The recipients Amavis marks spam for: the image's own domain (its mail name), and, where we
   * do better, the relay domains, whose mail an inbound filter is there for. A leading dot
   * covers subdomains, as Postfix's relay_domains do.
   */
  private static String localDomains(GatewayPolicy policy) {
    StringBuilder acl = new StringBuilder("@local_domains_acl = ( ");
    acl.append(perlString("." + policy.hostname().name()));
    policy.relayDomains().forEach(d -> acl.append(", ").append(perlString("." + d.name())));
    return acl.append(" );\n").toString();
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
