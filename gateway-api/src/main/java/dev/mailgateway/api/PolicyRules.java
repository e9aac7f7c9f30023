package dev.mailgateway.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules a whole policy must keep, beyond the validity of each value: the cross-field checks
 * behind {@link GatewayPolicy}'s validation. Paths are those of the policy file format.
 */
final class PolicyRules {

  private static final Pattern SELECTOR =
      Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
  private static final java.time.Duration MAX_LIFETIME = java.time.Duration.ofSeconds(8_640_000);
  /** The longest banner: a 512-octet reply line less "220 ", CRLF and room for $myhostname. */
  private static final int MAX_BANNER = 440;
  private static final List<Integer> RSA_KEY_BITS = List.of(2048, 3072, 4096);
  private static final int MAXIMUM_SIGNATURES = 100;
  /** What a line break in a map's line would do. */
  private static final String TABLE_LINE = "the table's line would end there";
  /** What a line break in a value of main.cf would do. */
  private static final String MAIN_CF_LINES = "it would inject lines into main.cf";

  private PolicyRules() {}

  // Conditionals, not Optional's lambdas, as in PolicyBuilder.build: every policy built runs
  // these, the first one in a fresh JVM too.
  static void check(GatewayPolicy policy, List<Violation> out) {
    if (policy.banner().isPresent()) {
      checkBanner(policy.banner().get(), out);
    }
    checkTrust(policy, out);
    if (policy.inboundTls().isPresent()) {
      checkInboundTls(policy.inboundTls().get(), out);
    }
    if (policy.outboundTls().isPresent()) {
      OutboundTls tls = policy.outboundTls().get();
      checkFile("tls.outbound.certificate", tls.certificate(), out);
      checkFile("tls.outbound.key", tls.key(), out);
    }
    checkSpamLevels(policy.contentFilter(), out);
    checkQuarantine(policy.contentFilter(), out);
    if (policy.dkim().isPresent()) {
      checkDkim(policy.dkim().get(), out);
      checkFile("dkim.keyDirectory", policy.dkim().get().keyDirectory(), out);
    }
    checkOverrides(policy.postfixOverrides(), out);
    checkNoNul(policy, out);
    checkTransports(policy.transports(), out);
    checkLifetime("queue.maximal", policy.queue().maximal(), out);
    checkLifetime("queue.bounce", policy.queue().bounce(), out);
  }

  /** A pattern routed twice: Postfix's table would silently take one of the two. */
  private static void checkTransports(List<TransportRoute> routes, List<Violation> out) {
    Map<String, Integer> first = new java.util.HashMap<>();
    for (int i = 0; i < routes.size(); i++) {
      Integer earlier = first.putIfAbsent(routes.get(i).pattern(), i);
      if (earlier != null) {
        out.add(new Violation("transports[" + i + "]", "'" + routes.get(i).pattern()
            + "' is routed already by transports[" + earlier + "] (" + routes.get(earlier)
            + "); a table holds one route a pattern"));
      }
    }
  }

  /** Postfix refuses a queue lifetime over 8640000 s (100 days) and will not start. */
  private static void checkLifetime(String path, Optional<PostfixDuration> lifetime,
      List<Violation> out) {
    if (lifetime.isPresent() && lifetime.get().toDuration().compareTo(MAX_LIFETIME) > 0) {
      out.add(new Violation(path, lifetime.get() + " is longer than Postfix allows for a queue"
          + " lifetime: at most 8640000s (100d)"));
    }
  }

  /**
   * Refuses NUL bytes in whatever is written into main.cf, a map or the image's env file:
   * Postfix reads its files as C strings and would cut the value there (or refuse the file). A
   * map's line, as a fingerprint's label, holds no line break or control character either.
   */
  private static void checkNoNul(GatewayPolicy policy, List<Violation> out) {
    for (int i = 0; i < policy.headerChecks().size(); i++) {
      oneLine("headerChecks[" + i + "]", policy.headerChecks().get(i).toString(), TABLE_LINE, out);
    }
    for (int i = 0; i < policy.transports().size(); i++) {
      oneLine("transports[" + i + "]", policy.transports().get(i).toString(), TABLE_LINE, out);
    }
    if (policy.inboundTls().isPresent()) {
      List<ClientFingerprint> fingerprints = policy.inboundTls().get().fingerprints();
      for (int i = 0; i < fingerprints.size(); i++) {
        oneLine("tls.inbound.fingerprints[" + i + "]", fingerprints.get(i).label(), TABLE_LINE,
            out);
      }
    }
    for (Map.Entry<String, String> override : policy.postfixOverrides().entrySet()) {
      oneLine("postfixOverrides." + override.getKey(), override.getValue(),
          MAIN_CF_LINES, out);
    }
  }

  private static void oneLine(String path, String value, String lineBreakWould,
      List<Violation> out) {
    nul(path, value, out);
    noLineBreakOrControl(path, "", value, lineBreakWould, out);
  }

  /** Line breaks and control characters; {@code subject} begins the message, if not empty. */
  private static void noLineBreakOrControl(String path, String subject, String value,
      String lineBreakWould, List<Violation> out) {
    if (OneLineText.hasLineBreak(value)) {
      out.add(new Violation(path, subject + "must not contain a line break: " + lineBreakWould));
    }
    Optional<String> control = OneLineText.control(value);
    if (control.isPresent()) {
      out.add(new Violation(path, subject + "must not contain the control character "
          + control.get()));
    }
  }

  private static void nul(String path, String value, List<Violation> out) {
    if (value.indexOf('\0') >= 0) {
      out.add(new Violation(path, "must not contain a NUL byte: Postfix would cut the line there"));
    }
  }

  private static void checkBanner(String banner, List<Violation> out) {
    if (banner.isBlank()) {
      out.add(new Violation("banner", "the banner must not be empty"));
    }
    if (OneLineText.hasLineBreak(banner)) {
      out.add(new Violation("banner",
          "the banner must not contain a line break: it would inject text into main.cf"
              + " and the SMTP greeting"));
    }
    // RFC 5321 4.5.3.1.5: a reply line is at most 512 octets, "220 " and CRLF included.
    if (banner.length() > MAX_BANNER) {
      out.add(new Violation("banner", "the banner has " + banner.length() + " characters; the"
          + " SMTP greeting holds at most " + MAX_BANNER));
    }
    if (banner.indexOf('\0') >= 0) {
      out.add(new Violation("banner", "the banner must not contain a NUL byte"));
    }
    // RFC 5321's textstring; SMTPUTF8 (RFC 6531) does not reach the greeting, sent before EHLO.
    for (int i = 0; i < banner.length(); i++) {
      char c = banner.charAt(i);
      boolean text = c == '\t' || Ascii.isPrintable(c);
      if (!text && c != '\0' && !OneLineText.isLineBreak(c)) {
        out.add(new Violation("banner", "the banner must not contain "
            + OneLineText.describe(banner.codePointAt(i))
            + ": RFC 5321 reply text is printable US-ASCII, spaces and tabs"));
        break;
      }
    }
  }

  private static void checkTrust(GatewayPolicy policy, List<Violation> out) {
    if (policy.openRelayAcknowledged()) {
      return;
    }
    for (int i = 0; i < policy.trust().size(); i++) {
      Cidr cidr = policy.trust().get(i);
      if (cidr.isEverything()) {
        out.add(new Violation("trust[" + i + "]",
            cidr + " trusts every client and makes an open relay; if that is really meant,"
                + " acknowledge it with acknowledgeOpenRelay() (openRelayAcknowledged: true)"));
      }
    }
  }

  private static void checkInboundTls(InboundTls tls, List<Violation> out) {
    checkFile("tls.inbound.certificate", tls.certificate(), out);
    checkFile("tls.inbound.key", tls.key(), out);
    checkFile("tls.inbound.clientCa", tls.clientCa(), out);
    if (!tls.securityLevel().appliesToInbound()) {
      out.add(new Violation("tls.inbound.securityLevel",
          "'" + tls.securityLevel() + "' applies to outbound TLS only; the SMTP server knows"
              + " none, may and encrypt"));
    }
    if (tls.securityLevel() == SecurityLevel.NONE && tls.asksClientCertificate()) {
      out.add(new Violation("tls.inbound.securityLevel",
          "client certificates (clientCa, fingerprints) need TLS, but the level is none"));
    }
    Optional<Fingerprint.Digest> digest = tls.fingerprintDigest();
    List<ClientFingerprint> fingerprints = tls.fingerprints();
    for (int i = 0; i < fingerprints.size(); i++) {
      Fingerprint.Digest own = fingerprints.get(i).fingerprint().digest();
      if (digest.isPresent() && own != digest.get()) {
        out.add(new Violation("tls.inbound.fingerprints[" + i + "]",
            "a " + own + " fingerprint among " + digest.get() + " ones: Postfix compares"
                + " with one digest (smtpd_tls_fingerprint_digest), so list all in one"));
      }
    }
  }

  /**
   * A file the daemons are told of on one line of their configuration. An empty path names the
   * working folder, never the file the operator meant; Postfix strips white space around a value,
   * so a name that begins or ends with it would be another file.
   */
  private static void checkFile(String path, java.nio.file.Path file, List<Violation> out) {
    String name = file.toString();
    if (name.isBlank()) {
      out.add(new Violation(path, "an empty path: name the file"));
      return;
    }
    noLineBreakOrControl(path, "a file path ", name, MAIN_CF_LINES, out);
    if (!name.equals(name.strip())) {
      out.add(new Violation(path, "'" + name + "' begins or ends with white space, which Postfix"
          + " strips from a value: it would read another file"));
    }
  }

  private static void checkFile(String path, Optional<java.nio.file.Path> file,
      List<Violation> out) {
    if (file.isPresent()) {
      checkFile(path, file.get(), out);
    }
  }

  private static void checkQuarantine(ContentFilter filter, List<Violation> out) {
    boolean quarantines = filter.spamDestiny() == Destiny.QUARANTINE
        || filter.virusDestiny() == Destiny.QUARANTINE;
    // Amavis's configuration names the folder whether or not anything is quarantined.
    checkFile("contentFilter.quarantineDirectory", filter.quarantineDirectory(), out);
    if (quarantines && !filter.quarantineDirectory().isAbsolute()) {
      out.add(new Violation("contentFilter.quarantineDirectory", "the quarantine folder "
          + filter.quarantineDirectory() + " is not an absolute path"));
    }
  }

  private static void checkSpamLevels(ContentFilter filter, List<Violation> out) {
    Optional<BigDecimal> tag = filter.tagLevel().score();
    Optional<BigDecimal> tag2 = filter.tag2Level().score();
    Optional<BigDecimal> kill = filter.killLevel().score();
    if (tag.isPresent() && tag2.isPresent() && tag.get().compareTo(tag2.get()) > 0) {
      out.add(new Violation("contentFilter.tag2Level",
          "the tag2 level " + tag2.get() + " is below the tag level " + tag.get()));
    }
    if (tag2.isPresent() && kill.isPresent() && tag2.get().compareTo(kill.get()) > 0) {
      out.add(new Violation("contentFilter.killLevel",
          "the kill level " + kill.get() + " is below the tag2 level " + tag2.get()));
    }
  }

  private static void checkDkim(DkimSigning dkim, List<Violation> out) {
    if (dkim.domains().isEmpty()) {
      out.add(new Violation("dkim.domains", "DKIM signing needs at least one domain"));
    }
    if (!SELECTOR.matcher(dkim.selector()).matches()) {
      out.add(new Violation("dkim.selector",
          "'" + dkim.selector() + "' is not a selector: lower-case DNS labels separated by dots"));
    }
    if (dkim.algorithm() == DkimAlgorithm.RSA && !RSA_KEY_BITS.contains(dkim.keyBits())) {
      out.add(new Violation("dkim.keyBits",
          dkim.keyBits() + " bits is not an RSA key size we generate; choose 2048, 3072 or 4096"
              + " (RFC 8301 forbids keys under 1024 bits and 1024 is weak)"));
    }
    if (dkim.maximumSignaturesToVerify() < 1 || dkim.maximumSignaturesToVerify() > MAXIMUM_SIGNATURES) {
      out.add(new Violation("dkim.maximumSignaturesToVerify", dkim.maximumSignaturesToVerify()
          + " is outside 1-" + MAXIMUM_SIGNATURES + " (OpenDKIM verifies 3 by default; each costs a"
          + " DNS query and a public-key operation)"));
    }
  }

  private static void checkOverrides(Map<String, String> overrides, List<Violation> out) {
    for (Map.Entry<String, String> override : overrides.entrySet()) {
      String name = override.getKey();
      String value = override.getValue();
      String path = "postfixOverrides." + name;
      if (!PostfixParameters.isKnown(name)) {
        Optional<String> meant = PostfixParameters.named(name);
        out.add(new Violation(path, "'" + name + "' is not a Postfix 3.7 main.cf parameter"
            + (meant.isPresent() ? ": Postfix's names are case-sensitive, write " + meant.get() : "")));
      }
      checkOverrideValue(name, value.strip(), path, out);
    }
  }

  /** The overrides whose values Postfix reads as whole numbers. */
  private static final java.util.Set<String> NUMBERS = java.util.Set.of("message_size_limit",
      "smtpd_recipient_limit", "smtpd_recipient_overshoot_limit", "smtpd_hard_error_limit",
      "smtpd_soft_error_limit", "smtpd_junk_command_limit", "default_process_limit",
      "smtpd_client_connection_count_limit", "smtpd_min_data_rate", "line_length_limit",
      "header_size_limit", "mailbox_size_limit", "bounce_size_limit", "queue_minfree",
      "smtpd_client_connection_rate_limit", "smtpd_client_message_rate_limit",
      "smtpd_client_recipient_rate_limit", "smtp_destination_concurrency_limit",
      "default_destination_concurrency_limit", "smtp_destination_recipient_limit");

  /** The overrides whose values Postfix reads as times (a number and s, m, h, d or w). */
  private static final java.util.Set<String> TIMES = java.util.Set.of("smtpd_timeout",
      "smtpd_error_sleep_time", "maximal_queue_lifetime", "bounce_queue_lifetime",
      "minimal_backoff_time", "maximal_backoff_time", "queue_run_delay", "smtp_connect_timeout",
      "smtp_helo_timeout", "smtp_data_done_timeout", "smtpd_upstream_proxy_timeout",
      "smtpd_proxy_timeout", "anvil_rate_time_unit");

  /**
   * Checks an override's value as Postfix would read it: what Postfix refuses to start with
   * must not pass here, and an override must not open what the policy's own fields guard.
   */
  private static void checkOverrideValue(String name, String value, String path,
      List<Violation> out) {
    if (NUMBERS.contains(name) && !value.matches("[0-9]{1,18}")) {
      out.add(new Violation(path, "'" + value + "' is not a whole number"));
    }
    if (TIMES.contains(name)) {
      try {
        PostfixDuration.parse(value, 's');
      } catch (IllegalArgumentException e) {
        out.add(new Violation(path, e.getMessage()));
      }
    }
    if (name.equals("myhostname")) {
      try {
        Fqdn.parse(value);
      } catch (IllegalArgumentException e) {
        out.add(new Violation(path, e.getMessage()));
      }
    }
    if (name.equals("mynetworks") && java.util.Arrays.stream(value.split("[\\s,]+"))
        .anyMatch(network -> network.endsWith("/0"))) {
      out.add(new Violation(path, "'" + value + "' trusts every client and makes an open relay;"
          + " list trusted networks with trust() instead (and acknowledgeOpenRelay() if that is"
          + " really meant)"));
    }
  }
}
