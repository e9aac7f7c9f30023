package dev.mailgateway.config;

import dev.mailgateway.api.Cidr;
import dev.mailgateway.api.Fqdn;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.InboundTls;
import dev.mailgateway.api.OutboundTls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Renders Postfix's main.cf, master.cf and lookup tables. */
final class PostfixRenderer {

  static final String TRANSPORT = "transport";
  static final String HEADER_CHECKS = "header_checks";
  static final String RELAY_CLIENTCERTS = "relay_clientcerts";

  private static final String EXCLUDED_CIPHERS = "aNULL, DES, RC4, MD5, 3DES";
  private static final String PROTOCOLS = "!SSLv2, !SSLv3, !TLSv1, !TLSv1.1";

  private final RenderLayout layout;
  private final List<Cidr> mynetworks;

  PostfixRenderer(RenderLayout layout, List<Cidr> mynetworks) {
    this.layout = layout;
    this.mynetworks = mynetworks;
  }

  List<ConfigFile> render(GatewayPolicy policy) {
    List<ConfigFile> files = new ArrayList<>();
    files.add(ConfigFile.text("postfix/main.cf", mainCf(policy)));
    files.add(ConfigFile.text("postfix/master.cf", masterCf(policy)));
    if (!policy.transports().isEmpty()) {
      files.add(table(TRANSPORT, policy.transports()));
    }
    if (!policy.headerChecks().isEmpty()) {
      files.add(table(HEADER_CHECKS, policy.headerChecks()));
    }
    policy.inboundTls().filter(tls -> !tls.fingerprints().isEmpty()).ifPresent(tls ->
        files.add(table(RELAY_CLIENTCERTS, tls.fingerprints())));
    return files;
  }

  private static ConfigFile table(String name, List<?> entries) {
    return ConfigFile.text("postfix/" + name, RenderedBy.table(entries));
  }

  private String map(String type, String name) {
    return type + ":" + layout.postfixDirectory().resolve(name);
  }

  String mainCf(GatewayPolicy policy) {
    MainCf cf = new MainCf();
    List<String> header = new ArrayList<>(RenderedBy.LINES);
    if (mynetworks.stream().anyMatch(Cidr::isEverything)) {
      header.add("WARNING: mynetworks trusts every client: this gateway is an OPEN RELAY.");
    }
    cf.section("Identity")
        .set("compatibility_level", "3.6")
        .set("myhostname", policy.hostname().name())
        .set("myorigin", "$myhostname")
        .set("smtpd_banner", policy.effectiveBanner())
        .set("biff", "no")
        .set("append_dot_mydomain", "no");
    cf.section("A gateway stores no mail: no local delivery")
        .set("mydestination", names(policy.destinations()))
        .set("local_recipient_maps", "")
        .set("local_transport", "error:local mail delivery is disabled")
        .set("alias_maps", "")
        .set("alias_database", "");
    relay(cf, policy);
    if (policy.queue().maximal().isPresent() || policy.queue().bounce().isPresent()) {
      cf.section("Queue lifetimes");
      policy.queue().maximal().ifPresent(d -> cf.set("maximal_queue_lifetime", d.toString()));
      policy.queue().bounce().ifPresent(d -> cf.set("bounce_queue_lifetime", d.toString()));
    }
    policy.inboundTls().ifPresent(tls -> inboundTls(cf, tls));
    policy.outboundTls().ifPresent(tls -> outboundTls(cf, tls));
    if (policy.contentFilter().enabled()) {
      cf.section("Content filter: Amavis (spam and virus checks)")
          .set("content_filter", "smtp-amavis:[127.0.0.1]:" + layout.contentFilterPort())
          .set("receive_override_options", "no_address_mappings");
    }
    if (policy.dkim().isPresent()) {
      cf.section("DKIM signing and verification: OpenDKIM milter")
          .set("milter_default_action", "accept")
          .set("milter_protocol", "6")
          .set("smtpd_milters", "inet:127.0.0.1:" + layout.milterPort())
          .set("non_smtpd_milters", "$smtpd_milters");
    }
    layout.instanceRoot().ifPresent(root -> instance(cf, root));
    if (!policy.postfixOverrides().isEmpty()) {
      cf.section("Raw overrides from the policy");
      policy.postfixOverrides().forEach(cf::set);
    }
    return cf.render(header);
  }

  private void relay(MainCf cf, GatewayPolicy policy) {
    List<String> restrictions = new ArrayList<>(List.of("permit_mynetworks"));
    policy.inboundTls().ifPresent(tls -> {
      if (!tls.fingerprints().isEmpty()) {
        restrictions.add("permit_tls_clientcerts");
      }
      if (tls.clientCa().isPresent()) {
        restrictions.add("permit_tls_all_clientcerts");
      }
    });
    restrictions.add("reject_unauth_destination");
    cf.section("Relay control: trusted networks and client certificates relay anywhere,",
            "everyone else only to the relay domains")
        .set("mynetworks", mynetworks.stream().map(Cidr::toPostfix).toList())
        .set("relay_domains", names(policy.relayDomains()))
        .set("relayhost", policy.relayHost().map(Object::toString).orElse(""))
        .set("smtpd_relay_restrictions", restrictions)
        .set("smtpd_recipient_restrictions", "")
        // SMTP smuggling: a bare LF from a client outside mynetworks is refused, as the runtime does.
        .set("smtpd_forbid_bare_newline", "reject")
        // A gateway stores no mailbox: VRFY would only help address harvesting. The runtime
        // refuses it the same way.
        .set("disable_vrfy_command", "yes")
        // Clients say who they are before MAIL, as RFC 5321 asks; the runtime insists too.
        .set("smtpd_helo_required", "yes");
    if (!policy.transports().isEmpty()) {
      cf.set("transport_maps", map("texthash", TRANSPORT));
    }
    if (!policy.headerChecks().isEmpty()) {
      cf.set("header_checks", map("regexp", HEADER_CHECKS));
    }
  }

  private void inboundTls(MainCf cf, InboundTls tls) {
    cf.section("TLS of incoming connections")
        .set("smtpd_tls_security_level", tls.securityLevel().postfixName())
        .file("smtpd_tls_cert_file", tls.certificate())
        .file("smtpd_tls_key_file", tls.key())
        .set("smtpd_tls_exclude_ciphers", EXCLUDED_CIPHERS)
        .set("smtpd_tls_mandatory_exclude_ciphers", EXCLUDED_CIPHERS)
        .set("smtpd_tls_mandatory_ciphers", "high")
        .set("smtpd_tls_protocols", PROTOCOLS)
        .set("smtpd_tls_mandatory_protocols", PROTOCOLS)
        .set("smtpd_tls_session_cache_database", "btree:${data_directory}/smtpd_scache")
        .set("smtpd_tls_loglevel", "1");
    if (tls.asksClientCertificate()) {
      cf.set("smtpd_tls_ask_ccert", "yes");
    }
    tls.clientCa().ifPresent(ca -> cf.file("smtpd_tls_CAfile", ca));
    tls.fingerprintDigest().ifPresent(digest -> cf
        .set("smtpd_tls_fingerprint_digest", digest.postfixName())
        .set("relay_clientcerts", map("texthash", RELAY_CLIENTCERTS)));
  }

  private static void outboundTls(MainCf cf, OutboundTls tls) {
    cf.section("TLS of outgoing connections")
        .set("smtp_tls_security_level", tls.securityLevel().postfixName());
    tls.certificate().ifPresent(file -> cf.file("smtp_tls_cert_file", file));
    tls.key().ifPresent(file -> cf.file("smtp_tls_key_file", file));
    cf.set("smtp_tls_exclude_ciphers", EXCLUDED_CIPHERS)
        .set("smtp_tls_mandatory_exclude_ciphers", EXCLUDED_CIPHERS)
        .set("smtp_tls_mandatory_ciphers", "medium")
        .set("smtp_tls_protocols", PROTOCOLS)
        .set("smtp_tls_mandatory_protocols", PROTOCOLS)
        .set("smtp_tls_session_cache_database", "btree:${data_directory}/smtp_scache")
        .set("smtp_tls_loglevel", "1");
  }

  private void instance(MainCf cf, Path root) {
    String host = layout.listenHost().orElseThrow();
    cf.section("Private instance: everything below " + root)
        .set("queue_directory", root.resolve("queue").toString())
        .set("data_directory", root.resolve("data").toString())
        .set("maillog_file", root.resolve("log/postfix.log").toString())
        .set("maillog_file_prefixes", root.resolve("log").toString())
        .set("syslog_name", "postfix-" + root.getFileName())
        .set("inet_interfaces", host)
        .set("inet_protocols", host.indexOf(':') >= 0 ? "ipv6" : "ipv4")
        .set("smtpd_peername_lookup", "no");
  }

  private static String names(List<Fqdn> domains) {
    return String.join(", ", domains.stream().map(Fqdn::name).toList());
  }

  String masterCf(GatewayPolicy policy) {
    StringBuilder out = new StringBuilder(RenderedBy.comment("#"));
    out.append("# service  type       private unpriv  chroot  wakeup  maxproc command + args\n");
    for (MasterService service : services(policy)) {
      out.append(service.render());
    }
    return out.toString();
  }

  /**
   * The public smtpd's {@code -o} lines for load balancers that send the PROXY header: on that
   * service only, since the content filter's re-injection listener is spoken to directly.
   */
  private static String[] upstreamProxy(GatewayPolicy policy) {
    return policy.upstreamProxy().map(proxy -> new String[] {
        "-o smtpd_upstream_proxy_protocol=" + proxy.protocol(),
        "-o smtpd_upstream_proxy_timeout=" + proxy.timeout()}).orElse(new String[0]);
  }

  private List<MasterService> services(GatewayPolicy policy) {
    List<MasterService> services = new ArrayList<>(List.of(
        MasterService.of(layout.smtpService(), "inet", "n", "-", "-", "-", "smtpd",
            upstreamProxy(policy)),
        MasterService.of("pickup", "unix", "n", "-", "60", "1", "pickup"),
        MasterService.of("cleanup", "unix", "n", "-", "-", "0", "cleanup"),
        MasterService.of("qmgr", "unix", "n", "-", "300", "1", "qmgr"),
        MasterService.of("tlsmgr", "unix", "-", "-", "1000?", "1", "tlsmgr"),
        MasterService.of("rewrite", "unix", "-", "-", "-", "-", "trivial-rewrite"),
        MasterService.of("bounce", "unix", "-", "-", "-", "0", "bounce"),
        MasterService.of("defer", "unix", "-", "-", "-", "0", "bounce"),
        MasterService.of("trace", "unix", "-", "-", "-", "0", "bounce"),
        MasterService.of("verify", "unix", "-", "-", "-", "1", "verify"),
        MasterService.of("flush", "unix", "n", "-", "1000?", "0", "flush"),
        MasterService.of("proxymap", "unix", "-", "-", "-", "-", "proxymap"),
        MasterService.of("proxywrite", "unix", "-", "-", "-", "1", "proxymap"),
        MasterService.of("smtp", "unix", "-", "-", "-", "-", "smtp"),
        MasterService.of("relay", "unix", "-", "-", "-", "-", "smtp",
            "-o syslog_name=postfix/$service_name"),
        MasterService.of("showq", "unix", "n", "-", "-", "-", "showq"),
        MasterService.of("error", "unix", "-", "-", "-", "-", "error"),
        MasterService.of("retry", "unix", "-", "-", "-", "-", "error"),
        MasterService.of("discard", "unix", "-", "-", "-", "-", "discard"),
        MasterService.of("local", "unix", "-", "n", "-", "-", "local"),
        MasterService.of("virtual", "unix", "-", "n", "-", "-", "virtual"),
        MasterService.of("lmtp", "unix", "-", "-", "-", "-", "lmtp"),
        MasterService.of("anvil", "unix", "-", "-", "-", "1", "anvil"),
        MasterService.of("scache", "unix", "-", "-", "-", "1", "scache"),
        MasterService.of("postlog", "unix-dgram", "n", "-", "-", "1", "postlogd")));
    if (policy.contentFilter().enabled()) {
      services.add(MasterService.of("smtp-amavis", "unix", "-", "-", "-", "2", "smtp",
          "-o syslog_name=postfix/amavis",
          "-o smtp_data_done_timeout=1200",
          "-o smtp_send_xforward_command=yes",
          "-o smtp_dns_support_level=disabled",
          "-o max_use=20"));
      services.add(MasterService.of("127.0.0.1:" + layout.reinjectionPort(), "inet", "n", "-", "-",
          "-", "smtpd",
          "-o syslog_name=postfix/reinject",
          "-o content_filter=",
          "-o local_recipient_maps=",
          "-o relay_recipient_maps=",
          "-o smtpd_restriction_classes=",
          "-o smtpd_delay_reject=no",
          "-o smtpd_client_restrictions=permit_mynetworks,reject",
          "-o smtpd_helo_restrictions=",
          "-o smtpd_sender_restrictions=",
          "-o smtpd_recipient_restrictions=permit_mynetworks,reject",
          "-o smtpd_relay_restrictions=permit_mynetworks,reject",
          "-o smtpd_data_restrictions=reject_unauth_pipelining",
          "-o smtpd_end_of_data_restrictions=",
          "-o mynetworks=127.0.0.0/8",
          "-o smtpd_error_sleep_time=0",
          "-o smtpd_soft_error_limit=1001",
          "-o smtpd_hard_error_limit=1000",
          "-o smtpd_client_connection_count_limit=0",
          "-o smtpd_client_connection_rate_limit=0",
          "-o smtpd_tls_security_level=none",
          "-o receive_override_options=no_header_body_checks,no_unknown_recipient_checks,"
              + "no_milters"));
    }
    return services;
  }
}
