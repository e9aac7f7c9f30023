package dev.mailgateway.config;

import dev.mailgateway.api.Cidr;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.api.PolicyBuilder;
import dev.mailgateway.api.PolicyException;
import dev.mailgateway.api.PostfixParameters;
import dev.mailgateway.api.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The environment variables and volume folders of the Docker image this toolkit models, read
 * into a {@link GatewayPolicy} with the image's semantics (a flag is on when its variable exists,
 * even empty) and the fixes that {@code container-compat.md} describes: every bad value is an
 * error naming its variable or {@code file:line}, nothing is dropped silently.
 *
 * <pre>{@code
 * ContainerImport imported = ContainerEnvironment.of(System.getenv())
 *     .withVolumes(Path.of("tls"), Path.of("additional"))
 *     .toPolicy();
 * }</pre>
 */
public final class ContainerEnvironment {

  /** Where the image mounts its TLS volume. */
  public static final Path IMAGE_TLS_DIRECTORY = Path.of("/etc/postfix/tls");
  /** Where the image mounts its additional volume. */
  public static final Path IMAGE_ADDITIONAL_DIRECTORY = Path.of("/etc/postfix/additional");

  /** Every variable the image reads, apart from the POSTFIX_RAW_CONFIG_ family. */
  static final Set<String> VARIABLES = Set.of(
      "MAIL_FQDN", "POSTFIX_SMTPD_BANNER", "AUTO_TRUST_NETWORKS", "ADDITIONAL_MYNETWORKS",
      "MYNETWORKS", "RELAYHOST", "DISABLE_AMAVIS", "DISABLE_VIRUS_CHECKS", "DISABLE_SPAM_CHECKS",
      "AMAVIS_SA_TAG_LEVEL_DEFLT", "AMAVIS_SA_TAG2_LEVEL_DEFLT", "AMAVIS_SA_KILL_LEVEL_DEFLT",
      "POSTFIX_SSL_OUT_CERT", "POSTFIX_SSL_OUT_KEY", "POSTFIX_SSL_OUT_SECURITY_LEVEL",
      "POSTFIX_SSL_IN_CERT", "POSTFIX_SSL_IN_KEY", "POSTFIX_SSL_IN_SECURITY_LEVEL",
      "POSTFIX_SSL_IN_CERT_FINGERPRINTS", "POSTFIX_QUEUE_LIFETIME_BOUNCE",
      "POSTFIX_QUEUE_LIFETIME_MAX", "POSTFIX_RELAY_DOMAINS", "POSTFIX_MYDESTINATION",
      "DKIM_DOMAINS");
  static final String RAW_CONFIG = "POSTFIX_RAW_CONFIG_";
  private static final List<String> OWN_PREFIXES =
      List.of("POSTFIX_", "AMAVIS_", "DKIM_", "DISABLE_", "MAIL_");

  private final Map<String, String> env;
  private final Path tlsDirectory;
  private final Path additionalDirectory;

  private ContainerEnvironment(Map<String, String> env, Path tls, Path additional) {
    this.env = env;
    this.tlsDirectory = tls;
    this.additionalDirectory = additional;
  }

  /** The environment, with the image's volume folders at their places in the image. */
  public static ContainerEnvironment of(Map<String, String> env) {
    return new ContainerEnvironment(new TreeMap<>(env), IMAGE_TLS_DIRECTORY,
        IMAGE_ADDITIONAL_DIRECTORY);
  }

  /** The same environment with the volumes found in these folders of this host. */
  public ContainerEnvironment withVolumes(Path tls, Path additional) {
    return new ContainerEnvironment(env, Objects.requireNonNull(tls, "tls"),
        Objects.requireNonNull(additional, "additional"));
  }

  /**
   * Reads the policy.
   *
   * @throws PolicyException with every violation, each naming the variable or file:line
   */
  public ContainerImport toPolicy() {
    return new Reading().read();
  }

  /** One reading: the builder it fills, where each policy path came from, and what it found. */
  private final class Reading {
    private final PolicyBuilder policy = MailGateway.policy();
    private final Map<String, String> origin = new HashMap<>();
    private final List<Violation> violations = new ArrayList<>();
    private final List<Violation> warnings = new ArrayList<>();

    ContainerImport read() {
      identity();
      networks();
      value("RELAYHOST").ifPresentOrElse(host -> {
        policy.relayHost(host);
        origin.put("relayHost", "RELAYHOST");
      }, () -> warn("RELAYHOST", "not set: mail for other domains goes straight to their MX hosts"));
      list("POSTFIX_RELAY_DOMAINS", "relayDomains", policy::relayDomains);
      list("POSTFIX_MYDESTINATION", "destinations", policy::destinations);
      contentFilter();
      queue();
      tls();
      dkim();
      transports();
      headerChecks();
      rawConfig();
      unknownVariables();
      GatewayPolicy built = null;
      try {
        built = policy.build();
      } catch (PolicyException e) {
        e.violations().forEach(v -> violations.add(fromSource(v)));
      }
      if (built != null) {
        // The image's Postfix has no application to hand mail to.
        HandlerRoutes.in(built).forEach(v -> violations.add(fromSource(v)));
      }
      if (!violations.isEmpty()) {
        throw new PolicyException(violations);
      }
      built.warnings().forEach(w -> warnings.add(fromSource(w)));
      return new ContainerImport(built, warnings);
    }

    private void identity() {
      String fqdn = value("MAIL_FQDN").orElse(GatewayPolicy.DEFAULT_HOSTNAME.name());
      if (fqdn.indexOf('.') < 0) {
        fqdn = fqdn + ".local";
      }
      policy.hostname(fqdn.toLowerCase(Locale.ROOT));
      origin.put("hostname", "MAIL_FQDN");
      value("POSTFIX_SMTPD_BANNER").ifPresent(banner -> {
        policy.banner(banner);
        origin.put("banner", "POSTFIX_SMTPD_BANNER");
      });
    }

    private void networks() {
      Optional<String> replacing = value("MYNETWORKS");
      if (replacing.isPresent()) {
        if (isSet("ADDITIONAL_MYNETWORKS")) {
          warn("ADDITIONAL_MYNETWORKS", "ignored, because MYNETWORKS replaces every network");
        }
        if (isSet("AUTO_TRUST_NETWORKS")) {
          warn("AUTO_TRUST_NETWORKS", "ignored, because MYNETWORKS replaces every network");
        }
        trust("MYNETWORKS", 0);
        return;
      }
      int index = 0;
      if (isSet("AUTO_TRUST_NETWORKS")) {
        policy.trustConnectedNetworks();
      } else {
        policy.trust("127.0.0.0/8");
        index++;
      }
      trust("ADDITIONAL_MYNETWORKS", index);
    }

    private void trust(String variable, int firstIndex) {
      List<String> networks = items(variable);
      for (int i = 0; i < networks.size(); i++) {
        policy.trust(networks.get(i));
        origin.put("trust[" + (firstIndex + i) + "]", variable);
        if (isEverything(networks.get(i))) {
          policy.acknowledgeOpenRelay();
        }
      }
    }

    private boolean isEverything(String network) {
      try {
        return Cidr.parse(network).isEverything();
      } catch (IllegalArgumentException e) {
        return false;
      }
    }

    private void contentFilter() {
      policy.contentFilter(c -> c
          .enabled(!isSet("DISABLE_AMAVIS"))
          .virusChecks(!isSet("DISABLE_VIRUS_CHECKS"))
          .spamChecks(!isSet("DISABLE_SPAM_CHECKS")));
      value("AMAVIS_SA_TAG_LEVEL_DEFLT").ifPresent(level -> {
        policy.contentFilter(c -> c.tagLevel(level));
        origin.put("contentFilter.tagLevel", "AMAVIS_SA_TAG_LEVEL_DEFLT");
      });
      value("AMAVIS_SA_TAG2_LEVEL_DEFLT").ifPresent(level -> {
        policy.contentFilter(c -> c.tag2Level(level));
        origin.put("contentFilter.tag2Level", "AMAVIS_SA_TAG2_LEVEL_DEFLT");
      });
      value("AMAVIS_SA_KILL_LEVEL_DEFLT").ifPresent(level -> {
        policy.contentFilter(c -> c.killLevel(level));
        origin.put("contentFilter.killLevel", "AMAVIS_SA_KILL_LEVEL_DEFLT");
      });
    }

    private void queue() {
      value("POSTFIX_QUEUE_LIFETIME_MAX").ifPresent(d -> {
        policy.maximalQueueLifetime(d);
        origin.put("queue.maximalLifetime", "POSTFIX_QUEUE_LIFETIME_MAX");
      });
      value("POSTFIX_QUEUE_LIFETIME_BOUNCE").ifPresent(d -> {
        policy.bounceQueueLifetime(d);
        origin.put("queue.bounceLifetime", "POSTFIX_QUEUE_LIFETIME_BOUNCE");
      });
    }

    private void tls() {
      List<String[]> fingerprints = fingerprints();
      Optional<Path> clientCa = Optional.of(tlsDirectory.resolve("rootCA.crt")).filter(Files::isRegularFile);
      Optional<Path> cert = tlsFile("POSTFIX_SSL_IN_CERT", "bundle.crt");
      Optional<Path> key = tlsFile("POSTFIX_SSL_IN_KEY", "cert.key");
      Optional<String> inLevel = value("POSTFIX_SSL_IN_SECURITY_LEVEL");
      if (cert.isPresent() && key.isPresent()) {
        policy.inboundTls(t -> {
          t.certificate(cert.get()).key(key.get());
          inLevel.ifPresent(t::securityLevel);
          clientCa.ifPresent(t::clientCa);
          fingerprints.forEach(f -> t.allowClientFingerprint(f[0], f[1]));
        });
        origin.put("tls.inbound.securityLevel", "POSTFIX_SSL_IN_SECURITY_LEVEL");
      } else if (clientCa.isPresent() || !fingerprints.isEmpty()
          || inLevel.filter(l -> !l.strip().equals("none")).isPresent()) {
        violations.add(new Violation("POSTFIX_SSL_IN_CERT",
            "client certificates (tls/rootCA.crt, fingerprints) and TLS levels need inbound TLS,"
                + " but the server certificate and key (tls/bundle.crt, tls/cert.key) are not"
                + " both there"));
      } else if (cert.isPresent() != key.isPresent()) {
        warn("POSTFIX_SSL_IN_CERT", "only one of the server certificate and key is there:"
            + " no inbound TLS");
      } else {
        warn("POSTFIX_SSL_IN_CERT", "no server certificate (tls/bundle.crt, tls/cert.key):"
            + " no inbound TLS");
      }
      Optional<Path> clientCert = tlsFile("POSTFIX_SSL_OUT_CERT", "client.crt");
      Optional<Path> clientKey = tlsFile("POSTFIX_SSL_OUT_KEY", "client.key");
      if (clientCert.isPresent() != clientKey.isPresent()) {
        warn("POSTFIX_SSL_OUT_CERT", "only one of the client certificate and key is there:"
            + " outgoing TLS presents none");
      } else if (clientCert.isEmpty()) {
        warn("POSTFIX_SSL_OUT_CERT", "no client certificate (tls/client.crt, tls/client.key):"
            + " outgoing TLS presents none");
      }
      policy.outboundTls(t -> {
        if (clientCert.isPresent() && clientKey.isPresent()) {
          t.certificate(clientCert.get()).key(clientKey.get());
        }
        value("POSTFIX_SSL_OUT_SECURITY_LEVEL").ifPresent(t::securityLevel);
      });
      origin.put("tls.outbound.securityLevel", "POSTFIX_SSL_OUT_SECURITY_LEVEL");
    }

    /**
     * A TLS file: a set variable names it and it must exist; otherwise the image's default name
     * in the tls volume, used when it exists.
     */
    private Optional<Path> tlsFile(String variable, String defaultName) {
      Optional<String> named = value(variable);
      if (named.isEmpty()) {
        return Optional.of(tlsDirectory.resolve(defaultName)).filter(Files::isRegularFile);
      }
      Path file;
      try {
        file = onHost(named.get());
      } catch (java.nio.file.InvalidPathException e) {
        violations.add(new Violation(variable, "'" + named.get() + "' is not a file path: " + e.getReason()));
        return Optional.empty();
      }
      if (!Files.isRegularFile(file)) {
        violations.add(new Violation(variable, "the file " + named.get() + " does not exist"
            + (file.toString().equals(named.get()) ? "" : " (looked for " + file + ")")));
        return Optional.empty();
      }
      return Optional.of(file);
    }

    /** A path inside the container, translated to the volume folders on this host. */
    private Path onHost(String containerPath) {
      Path path = Path.of(containerPath.strip());
      if (path.startsWith(IMAGE_TLS_DIRECTORY)) {
        return tlsDirectory.resolve(IMAGE_TLS_DIRECTORY.relativize(path));
      }
      if (path.startsWith(IMAGE_ADDITIONAL_DIRECTORY)) {
        return additionalDirectory.resolve(IMAGE_ADDITIONAL_DIRECTORY.relativize(path));
      }
      return path;
    }

    private List<String[]> fingerprints() {
      List<String[]> entries = new ArrayList<>();
      String variable = "POSTFIX_SSL_IN_CERT_FINGERPRINTS";
      value(variable).ifPresent(text -> {
        List<TableFile.Line> lines = TableFile.parse(Arrays.asList(text.split("\\R")));
        lines.forEach(line -> fingerprint(entries, line, variable + " line " + line.number()));
      });
      Path table = tlsDirectory.resolve("relay_clientcerts");
      if (isMapFile(table, "tls/relay_clientcerts")) {
        table(table, "tls/relay_clientcerts").forEach(line ->
            fingerprint(entries, line, "tls/relay_clientcerts:" + line.number()));
      }
      return entries;
    }

    private void fingerprint(List<String[]> entries, TableFile.Line line, String source) {
      String[] parts = line.text().split("\\s+", 2);
      if (parts.length < 2) {
        violations.add(new Violation(source, "'" + line.text() + "' needs a label after the"
            + " fingerprint, such as the client's host name (relay_clientcerts is a lookup table:"
            + " fingerprint, white space, label)"));
        return;
      }
      String[] label = parts[1].strip().split("\\s+");
      for (int i = 1; i < label.length; i++) {
        if (isFingerprint(label[i])) {
          // Postfix would take the rest of the line as the first one's label: this one would
          // never match, silently.
          violations.add(new Violation(source, "'" + label[i] + "' is a second fingerprint on"
              + " the line of " + parts[0] + "; relay_clientcerts holds one fingerprint a line"));
          return;
        }
      }
      origin.put("tls.inbound.fingerprints[" + entries.size() + "]", source);
      entries.add(new String[] {parts[0], label[0]});
    }

    private static boolean isFingerprint(String token) {
      try {
        dev.mailgateway.api.Fingerprint.parse(token);
        return true;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }

    private void dkim() {
      Optional<String> domains = value("DKIM_DOMAINS");
      Path folder = additionalDirectory.resolve("opendkim");
      boolean hasFolder = Files.isDirectory(folder);
      if (domains.isPresent() && hasFolder) {
        Path keys = folder.resolve("keys");
        policy.dkim(d -> d.keyDirectory(keys));
        list("DKIM_DOMAINS", "dkim.domains", names -> policy.dkim(d -> d.domains(names)));
      } else if (domains.isPresent()) {
        warn("DKIM_DOMAINS", "set, but the folder additional/opendkim is missing: no DKIM"
            + " signing (the image needs both)");
      } else if (hasFolder) {
        warn("DKIM_DOMAINS", "not set, but the folder additional/opendkim exists: no DKIM"
            + " signing (the image needs both)");
      }
    }

    private void transports() {
      Path file = additionalDirectory.resolve("transport");
      if (!isMapFile(file, "additional/transport")) {
        return;
      }
      int index = 0;
      for (TableFile.Line line : table(file, "additional/transport")) {
        String source = "additional/transport:" + line.number();
        String[] parts = line.text().split("\\s+", 2);
        if (parts.length < 2) {
          violations.add(new Violation(source, "'" + line.text() + "' needs a pattern and a"
              + " transport, such as: example.com smtp:[10.0.0.5]:25"));
          continue;
        }
        policy.route(parts[0], parts[1].strip());
        origin.put("transports[" + index++ + "]", source);
      }
    }

    private void headerChecks() {
      Path file = additionalDirectory.resolve("header_checks");
      if (!isMapFile(file, "additional/header_checks")) {
        return;
      }
      int index = 0;
      for (TableFile.Line line : table(file, "additional/header_checks")) {
        policy.headerCheck(line.text());
        origin.put("headerChecks[" + index++ + "]", "additional/header_checks:" + line.number());
      }
    }

    /** A table file's lines; none, with the violation kept, when it is not text. */
    private List<TableFile.Line> table(Path file, String source) {
      try {
        return TableFile.read(file, source);
      } catch (PolicyException notText) {
        violations.addAll(notText.violations());
        return List.of();
      }
    }

    /**
     * Whether a map the image reads is there; one that is there but is no file (a folder, say)
     * is a violation, where the image's postmap would fail.
     */
    private boolean isMapFile(Path file, String source) {
      if (Files.isRegularFile(file)) {
        return true;
      }
      if (Files.exists(file)) {
        violations.add(new Violation(source, file + " is a folder or a special file, not a"
            + " map file"));
      }
      return false;
    }

    private void rawConfig() {
      env.forEach((name, value) -> {
        if (!name.startsWith(RAW_CONFIG)) {
          return;
        }
        String lowerCase = name.substring(RAW_CONFIG.length()).toLowerCase(Locale.ROOT);
        if (lowerCase.isEmpty()) {
          violations.add(new Violation(name, "names no Postfix parameter after " + RAW_CONFIG));
          return;
        }
        // The image writes the lower-cased name, which Postfix ignores for the few parameters
        // with capitals (POSTFIX_RAW_CONFIG_SMTP_TLS_CAFILE): they are set under their own name.
        String parameter = PostfixParameters.named(lowerCase).orElse(lowerCase);
        policy.postfix(parameter, value);
        origin.put("postfixOverrides." + parameter, name);
      });
    }

    private void unknownVariables() {
      env.keySet().stream()
          .filter(name -> OWN_PREFIXES.stream().anyMatch(name::startsWith))
          .filter(name -> !VARIABLES.contains(name) && !name.startsWith(RAW_CONFIG))
          .forEach(name -> warn(name, "the image knows no such variable; it is ignored"));
    }

    private void list(String variable, String path, java.util.function.Consumer<String[]> add) {
      List<String> items = items(variable);
      for (int i = 0; i < items.size(); i++) {
        origin.put(path + "[" + i + "]", variable);
      }
      add.accept(items.toArray(String[]::new));
    }

    private Violation fromSource(Violation violation) {
      String source = origin.get(violation.path());
      return source == null ? violation : new Violation(source, violation.message());
    }

    private void warn(String variable, String message) {
      warnings.add(new Violation(variable, message));
    }
  }

  private boolean isSet(String name) {
    return env.containsKey(name);
  }

  /** A variable's value; an empty value counts as not given. */
  private Optional<String> value(String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
  }

  /** A list variable: items separated by white space or commas, as Postfix reads lists. */
  private List<String> items(String name) {
    return value(name)
        .map(v -> Arrays.stream(v.strip().split("[\\s,]+")).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
  }

  /** The variables, in name order. */
  public Map<String, String> variables() {
    return new LinkedHashMap<>(env);
  }
}
