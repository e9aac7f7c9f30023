package dev.mailgateway.config;

import dev.mailgateway.api.Cidr;
import dev.mailgateway.api.ContentFilter;
import dev.mailgateway.api.DkimAlgorithm;
import dev.mailgateway.api.DkimSigning;
import dev.mailgateway.api.Fqdn;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.PolicyException;
import dev.mailgateway.api.SecurityLevel;
import dev.mailgateway.api.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A policy as the Docker image takes it: the environment variables and the files of its two
 * volumes ({@code tls/}, {@code additional/}). Certificates and keys the policy names are copied
 * into the tls volume under the image's default names, keys owner-only.
 *
 * @param environment the variables, in the order the image's README lists them
 * @param volumes the volume files, below {@code tls/} and {@code additional/}
 * @param warnings what the image cannot express and is left out
 */
public record ContainerExport(
    Map<String, String> environment, ConfigTree volumes, List<Violation> warnings) {

  /** The name of the env file {@link #writeTo} writes. */
  public static final String ENV_FILE = "gateway.env";

  /** Copies the parts. */
  public ContainerExport {
    environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    warnings = List.copyOf(warnings);
  }

  /**
   * Exports a policy.
   *
   * @throws PolicyException when a file the policy names cannot be read
   */
  public static ContainerExport of(GatewayPolicy policy) {
    Map<String, String> env = new LinkedHashMap<>();
    List<ConfigFile> files = new ArrayList<>();
    List<Violation> violations = new ArrayList<>(HandlerRoutes.in(policy));
    List<Violation> warnings = new ArrayList<>();

    env.put("MAIL_FQDN", policy.hostname().name());
    policy.banner().ifPresent(b -> env.put("POSTFIX_SMTPD_BANNER", b));
    String networks = policy.trust().stream().map(Cidr::toString).collect(Collectors.joining(" "));
    if (policy.trustConnectedNetworks()) {
      env.put("AUTO_TRUST_NETWORKS", "yes");
      if (!networks.isEmpty()) {
        env.put("ADDITIONAL_MYNETWORKS", networks);
      }
    } else {
      env.put("MYNETWORKS", networks);
    }
    policy.relayHost().ifPresent(h -> env.put("RELAYHOST", h.toString()));
    contentFilter(policy.contentFilter(), env);
    contentFilterLosses(policy.contentFilter(), warnings);
    policy.upstreamProxy().ifPresent(proxy -> warnings.add(new Violation("upstreamProxy",
        "the image has no variable for smtpd_upstream_proxy_protocol: behind a load balancer it"
            + " sees the balancer's address as every client's (and a balancer inside MYNETWORKS"
            + " makes it an open relay); the PROXY protocol is left out")));
    policy.inboundTls().ifPresent(tls -> {
      copy(tls.certificate(), "tls/bundle.crt", false, "tls.inbound.certificate", files, violations);
      copy(tls.key(), "tls/cert.key", true, "tls.inbound.key", files, violations);
      tls.clientCa().ifPresent(ca ->
          copy(ca, "tls/rootCA.crt", false, "tls.inbound.clientCa", files, violations));
      if (!tls.fingerprints().isEmpty()) {
        files.add(ConfigFile.text("tls/relay_clientcerts", RenderedBy.table(tls.fingerprints())));
      }
      level(env, "POSTFIX_SSL_IN_SECURITY_LEVEL", tls.securityLevel());
    });
    policy.outboundTls().ifPresent(tls -> {
      tls.certificate().ifPresent(c ->
          copy(c, "tls/client.crt", false, "tls.outbound.certificate", files, violations));
      tls.key().ifPresent(k ->
          copy(k, "tls/client.key", true, "tls.outbound.key", files, violations));
      level(env, "POSTFIX_SSL_OUT_SECURITY_LEVEL", tls.securityLevel());
    });
    policy.queue().bounce().ifPresent(d -> env.put("POSTFIX_QUEUE_LIFETIME_BOUNCE", d.toString()));
    policy.queue().maximal().ifPresent(d -> env.put("POSTFIX_QUEUE_LIFETIME_MAX", d.toString()));
    if (!policy.relayDomains().isEmpty()) {
      env.put("POSTFIX_RELAY_DOMAINS", names(policy.relayDomains()));
    }
    if (!policy.destinations().isEmpty()) {
      env.put("POSTFIX_MYDESTINATION", names(policy.destinations()));
    }
    policy.dkim().ifPresent(dkim -> dkim(dkim, env, files, warnings, violations));
    if (!policy.transports().isEmpty()) {
      files.add(ConfigFile.text("additional/transport", RenderedBy.table(policy.transports())));
    }
    if (!policy.headerChecks().isEmpty()) {
      files.add(ConfigFile.text("additional/header_checks", RenderedBy.table(policy.headerChecks())));
    }
    policy.postfixOverrides().forEach((name, value) -> {
      env.put(ContainerEnvironment.RAW_CONFIG + name.toUpperCase(Locale.ROOT), value);
      String imageWrites = name.toLowerCase(Locale.ROOT);
      if (!imageWrites.equals(name)) {
        warnings.add(new Violation("postfixOverrides." + name, "the image writes the parameter"
            + " lower-cased, as " + imageWrites + ", which Postfix does not know and ignores; this"
            + " toolkit reads it back as " + name));
      }
    });
    if (!violations.isEmpty()) {
      throw new PolicyException(violations);
    }
    return new ContainerExport(env, ConfigTree.of(files), warnings);
  }

  private static void contentFilter(ContentFilter filter, Map<String, String> env) {
    ContentFilter defaults = dev.mailgateway.api.MailGateway.policy().build().contentFilter();
    if (!filter.enabled()) {
      env.put("DISABLE_AMAVIS", "yes");
    }
    if (!filter.virusChecks()) {
      env.put("DISABLE_VIRUS_CHECKS", "yes");
    }
    if (!filter.spamChecks()) {
      env.put("DISABLE_SPAM_CHECKS", "yes");
    }
    if (!filter.tagLevel().equals(defaults.tagLevel())) {
      env.put("AMAVIS_SA_TAG_LEVEL_DEFLT", filter.tagLevel().toString());
    }
    if (!filter.tag2Level().equals(defaults.tag2Level())) {
      env.put("AMAVIS_SA_TAG2_LEVEL_DEFLT", filter.tag2Level().toString());
    }
    if (!filter.killLevel().equals(defaults.killLevel())) {
      env.put("AMAVIS_SA_KILL_LEVEL_DEFLT", filter.killLevel().toString());
    }
  }

  /** What the image has no variable for: its Amavis keeps Debian's destinies and folder. */
  private static void contentFilterLosses(ContentFilter filter, List<Violation> warnings) {
    ContentFilter defaults = dev.mailgateway.api.MailGateway.policy().build().contentFilter();
    if (filter.spamDestiny() != defaults.spamDestiny()) {
      warnings.add(new Violation("contentFilter.spamDestiny", "the image has no variable for the"
          + " spam destiny; '" + filter.spamDestiny() + "' is lost (the image passes spam tagged)"));
    }
    if (filter.virusDestiny() != defaults.virusDestiny()) {
      warnings.add(new Violation("contentFilter.virusDestiny", "the image has no variable for the"
          + " virus destiny; '" + filter.virusDestiny() + "' is lost (the image quarantines viruses)"));
    }
    if (!filter.quarantineDirectory().equals(defaults.quarantineDirectory())) {
      warnings.add(new Violation("contentFilter.quarantineDirectory", "the image has no variable"
          + " for the quarantine folder; " + filter.quarantineDirectory() + " is lost (the image"
          + " uses " + defaults.quarantineDirectory() + ")"));
    }
    if (filter.failOpen()) {
      warnings.add(new Violation("contentFilter.failOpen", "the image has no variable for"
          + " failing open; it is lost (the image defers mail while Amavis is down, and delivers"
          + " it marked ***UNCHECKED*** while clamd is down)"));
    }
  }

  private static void level(Map<String, String> env, String variable, SecurityLevel level) {
    if (level != SecurityLevel.MAY) {
      env.put(variable, level.postfixName());
    }
  }

  private static void dkim(DkimSigning dkim, Map<String, String> env, List<ConfigFile> files,
      List<Violation> warnings, List<Violation> violations) {
    env.put("DKIM_DOMAINS", names(dkim.domains()));
    if (!dkim.selector().equals("default")) {
      warnings.add(new Violation("dkim.selector",
          "the image signs with the selector 'default' only; '" + dkim.selector() + "' is lost"));
    }
    if (dkim.algorithm() != DkimAlgorithm.RSA) {
      warnings.add(new Violation("dkim.algorithm",
          "the image generates RSA keys only; " + dkim.algorithm() + " is lost"));
    }
    if (dkim.maximumSignaturesToVerify() != DkimSigning.OPENDKIM_SIGNATURES_TO_VERIFY) {
      warnings.add(new Violation("dkim.maximumSignaturesToVerify", "the image's OpenDKIM verifies "
          + DkimSigning.OPENDKIM_SIGNATURES_TO_VERIFY + " signatures; " + dkim.maximumSignaturesToVerify() + " is lost"));
    }
    files.add(ConfigFile.text("additional/opendkim/README",
        "This folder turns on DKIM signing in the mail-gateway image for DKIM_DOMAINS.\n"));
    for (Fqdn domain : dkim.domains()) {
      Path key = dkim.privateKey(domain);
      if (!Files.isRegularFile(key)) {
        continue;
      }
      String base = "additional/opendkim/keys/" + domain.name() + "/" + dkim.selector();
      copy(key, base + ".private", true, "dkim.keyDirectory", files, violations);
      Path record = key.resolveSibling(dkim.selector() + ".txt");
      if (Files.isRegularFile(record)) {
        copy(record, base + ".txt", false, "dkim.keyDirectory", files, violations);
      }
    }
  }

  private static void copy(Path source, String target, boolean secret, String path,
      List<ConfigFile> files, List<Violation> violations) {
    try {
      files.add(new ConfigFile(target, Files.readAllBytes(source), secret));
    } catch (IOException e) {
      violations.add(new Violation(path, "cannot read " + source + ": " + e.getMessage()));
    }
  }

  private static String names(List<Fqdn> domains) {
    return domains.stream().map(Fqdn::name).collect(Collectors.joining(" "));
  }

  /**
   * Writes {@value #ENV_FILE} and the volume folders below a folder, as {@link ConfigTree#writeTo}
   * does.
   */
  public List<Path> writeTo(Path folder) {
    return volumes.with(ConfigTree.of(List.of(
        ConfigFile.text(ENV_FILE, EnvFile.render(environment))))).writeTo(folder);
  }
}
