package dev.mailgateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PolicyBuilderTest {

  private static final String SHA1 = "AA:BB:CC:DD:EE:FF:12:34:56:67:2E:FB:3F:34:99:90:AB:CD:EF:4C";
  private static final String SHA256 = "AA" + ":BB".repeat(31);

  @Test
  void emptyPolicyHasTheImagesDefaults() {
    GatewayPolicy policy = MailGateway.policy().build();

    assertThat(policy.hostname().name()).isEqualTo("amavis.mail-gateway");
    assertThat(policy.trust()).containsExactly(Cidr.parse("127.0.0.0/8"));
    assertThat(policy.effectiveBanner()).isEqualTo("$myhostname ESMTP");
    assertThat(policy.contentFilter().enabled()).isTrue();
    assertThat(policy.contentFilter().tagLevel()).isEqualTo(SpamLevel.UNDEFINED);
    assertThat(policy.contentFilter().tag2Level()).hasToString("5");
    assertThat(policy.contentFilter().killLevel()).hasToString("20");
    assertThat(policy.dkim()).isEmpty();
  }

  @Test
  void buildsTheScenarioOfTheIssue() {
    GatewayPolicy policy = MailGateway.policy()
        .hostname("mx.example.com")
        .trust("10.0.0.0/8")
        .relayHost("[smtp.example.net]:587")
        .relayDomains("example.com")
        .dkim(d -> d.domains("example.com", "example.org"))
        .inboundTls(t -> t.certificate(Path.of("bundle.crt")).key(Path.of("cert.key"))
            .allowClientFingerprint(SHA256, "node1"))
        .build();

    assertThat(policy.trust()).containsExactly(Cidr.parse("10.0.0.0/8"));
    assertThat(policy.relayHost()).contains(NextHop.parse("[smtp.example.net]:587"));
    assertThat(policy.dkim().orElseThrow().domains())
        .extracting(Fqdn::name).containsExactly("example.com", "example.org");
    assertThat(policy.inboundTls().orElseThrow().fingerprintDigest())
        .contains(Fingerprint.Digest.SHA256);
  }

  @Test
  void reportsEveryViolationAtOnceWithItsPath() {
    PolicyException failure = catchThrowableOfType(PolicyException.class, () -> MailGateway.policy()
        .hostname("not a host")
        .trust("10.0.0.0/8", "10.0.0.0/33")
        .relayHost("[smtp.example.net")
        .maximalQueueLifetime("5 days")
        .contentFilter(c -> c.killLevel("lots"))
        .build());

    assertThat(failure.violations()).extracting(Violation::path).containsExactly(
        "hostname", "trust[1]", "relayHost", "contentFilter.killLevel", "queue.maximalLifetime");
    assertThat(failure.violations().get(1))
        .hasToString("trust[1]: 10.0.0.0/33 is not a CIDR: the prefix length 33 exceeds 32");
  }

  @Test
  void reportsValueAndCrossFieldViolationsTogether() {
    PolicyException failure = catchThrowableOfType(PolicyException.class, () -> MailGateway.policy()
        .trust("0.0.0.0/0", "10.0.0.0/33")
        .build());

    assertThat(failure.violations()).extracting(Violation::path)
        .containsExactly("trust[1]", "trust[0]");
  }

  @Test
  void openRelayNeedsAnAcknowledgement() {
    assertThatThrownBy(() -> MailGateway.policy().trust("0.0.0.0/0").build())
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("trust[0]: 0.0.0.0/0 trusts every client and makes an open relay");
  }

  @Test
  void acknowledgedOpenRelayBuildsWithAWarning() {
    GatewayPolicy policy = MailGateway.policy().trust("::/0").acknowledgeOpenRelay().build();

    assertThat(policy.warnings()).extracting(Violation::toString)
        .containsExactly("trust[0]: ::/0 trusts every client: this gateway is an OPEN RELAY");
  }

  @Test
  void bannerWithALineBreakIsRefused() {
    assertThatThrownBy(() -> MailGateway.policy().banner("$myhostname ESMTP\nrelayhost = evil").build())
        .hasMessageContaining("banner: the banner must not contain a line break");
  }

  @Test
  void aUnicodeLineSeparatorCountsAsALineBreakThoughPostfixReadsOn() {
    PolicyException refused = catchThrowableOfType(PolicyException.class, () -> MailGateway.policy()
        .banner("$myhostname\u0085ESMTP")
        .postfix("smtpd_helo_restrictions", "permit\u2028reject")
        .build());

    assertThat(refused.violations()).extracting(Violation::toString).contains(
        "banner: the banner must not contain a line break: it would inject text into main.cf and"
            + " the SMTP greeting",
        "postfixOverrides.smtpd_helo_restrictions: must not contain a line break: it would"
            + " inject lines into main.cf");
  }

  @Test
  void controlCharactersAreRefusedInOneLineValuesWithTheirCodePoint() {
    PolicyException refused = catchThrowableOfType(PolicyException.class, () -> MailGateway.policy()
        .banner("$myhostname \u001b[31mESMTP")
        .postfix("smtpd_helo_restrictions", "permit\u007f")
        .inboundTls(t -> t.certificate(Path.of("c")).key(Path.of("k"))
            .allowClientFingerprint(String.join(":", java.util.Collections.nCopies(32, "AB")), "node\u0001"))
        .build());

    assertThat(refused.violations()).extracting(Violation::toString).containsExactlyInAnyOrder(
        "banner: the banner must not contain U+001B (a control character): RFC 5321 reply text"
            + " is printable US-ASCII, spaces and tabs",
        "postfixOverrides.smtpd_helo_restrictions: must not contain the control character"
            + " U+007F",
        "tls.inbound.fingerprints[0]: must not contain the control character U+0001");
  }

  @Test
  void aBannerOutsideUsAsciiIsRefusedAsRfc5321Says() {
    assertThatThrownBy(() -> MailGateway.policy().banner("$myhostname ESMTP Bienvenue à bord").build())
        .hasMessageContaining("banner: the banner must not contain U+00E0 'à': RFC 5321 reply text"
            + " is printable US-ASCII, spaces and tabs");
  }

  @Test
  void aMapLineWithAUnicodeLineBreakOrAControlCharacterIsRefused() {
    PolicyException refused = catchThrowableOfType(PolicyException.class, () -> MailGateway.policy()
        .headerCheck("/^Subject: a/ REJECT no\u2028more")
        .route("example.com", "error:5.1.1 gone\u001b[0m")
        .build());

    assertThat(refused.violations()).extracting(Violation::toString).containsExactlyInAnyOrder(
        "headerChecks[0]: must not contain a line break: the table's line would end there",
        "transports[0]: must not contain the control character U+001B");
  }

  @Test
  void aFilePathThatWouldInjectLinesIntoMainCfIsRefused() {
    assertThatThrownBy(() -> MailGateway.policy()
        .inboundTls(t -> t.certificate(Path.of("/etc/ssl/a.crt\nrelayhost = evil")).key(Path.of("k")))
        .build())
        .hasMessageContaining("tls.inbound.certificate: a file path must not contain a line break:"
            + " it would inject lines into main.cf");
  }

  @Test
  void aFilePathWithAControlCharacterIsRefused() {
    assertThatThrownBy(() -> MailGateway.policy()
        .outboundTls(t -> t.certificate(Path.of("/etc/ssl/a\u0007.crt")).key(Path.of("/etc/ssl/a.key")))
        .build())
        .hasMessageContaining("tls.outbound.certificate: a file path must not contain the control"
            + " character U+0007");
  }

  @Test
  void aFilePathPostfixWouldStripIsRefused() {
    assertThatThrownBy(() -> MailGateway.policy()
        .inboundTls(t -> t.certificate(Path.of("c")).key(Path.of("/etc/ssl/cert.key ")))
        .build())
        .hasMessageContaining("tls.inbound.key: '/etc/ssl/cert.key ' begins or ends with white"
            + " space, which Postfix strips from a value: it would read another file");
  }

  @Test
  void anOverrideOfAParameterWithCapitalsIsAccepted() {
    GatewayPolicy policy = MailGateway.policy()
        .postfix("smtp_tls_CAfile", "/etc/ssl/certs/ca-certificates.crt").build();

    assertThat(policy.postfixOverrides())
        .containsEntry("smtp_tls_CAfile", "/etc/ssl/certs/ca-certificates.crt");
  }

  @Test
  void anOverrideInAnotherCaseIsRefusedNamingTheParameterMeant() {
    assertThatThrownBy(() -> MailGateway.policy()
        .postfix("smtp_tls_cafile", "/etc/ssl/certs/ca-certificates.crt").build())
        .hasMessageContaining("postfixOverrides.smtp_tls_cafile: 'smtp_tls_cafile' is not a Postfix"
            + " 3.7 main.cf parameter: Postfix's names are case-sensitive, write smtp_tls_CAfile");
  }

  @Test
  void aBannerLongerThanAnSmtpReplyLineIsRefused() {
    assertThatThrownBy(() -> MailGateway.policy().banner("$myhostname ESMTP " + "x".repeat(10_000_000)).build())
        .hasMessageContaining("banner: the banner has 10000018 characters; the SMTP greeting holds at most 440");
  }

  @Test
  void aBannerWithANulByteIsRefused() {
    assertThatThrownBy(() -> MailGateway.policy().banner("$myhostname ESMTP\0").build())
        .hasMessageContaining("banner: the banner must not contain a NUL byte");
  }

  @Test
  void nulBytesAreRefusedWhereverTheyWouldReachPostfixsFiles() {
    assertThatThrownBy(() -> MailGateway.policy()
        .headerCheck("/^Subject: a\0b/ REJECT")
        .postfix("smtpd_helo_restrictions", "permit\0")
        .build())
        .hasMessageContaining("headerChecks[0]: must not contain a NUL byte")
        .hasMessageContaining("postfixOverrides.smtpd_helo_restrictions: must not contain a NUL byte");
  }

  @Test
  void aQueueLifetimeOverAHundredDaysIsRefusedAsPostfixRefusesIt() {
    assertThatThrownBy(() -> MailGateway.policy().maximalQueueLifetime("101d")
        .bounceQueueLifetime("8640001s").build())
        .hasMessageContaining("queue.maximal: 101d is longer than Postfix allows")
        .hasMessageContaining("queue.bounce: 8640001s is longer");
  }

  @Test
  void overridesAreCheckedAsPostfixReadsThem() {
    assertThatThrownBy(() -> MailGateway.policy()
        .postfix("message_size_limit", "abc")
        .postfix("smtpd_timeout", "5 minutes")
        .postfix("myhostname", "")
        .postfix("mynetworks", "127.0.0.0/8 0.0.0.0/0")
        .build())
        .hasMessageContaining("postfixOverrides.message_size_limit: 'abc' is not a whole number")
        .hasMessageContaining("postfixOverrides.smtpd_timeout:")
        .hasMessageContaining("postfixOverrides.myhostname: a domain name must not be empty")
        .hasMessageContaining("postfixOverrides.mynetworks: '127.0.0.0/8 0.0.0.0/0' trusts every client");
  }

  @Test
  void aPatternRoutedTwiceIsRefusedNamingBoth() {
    assertThatThrownBy(() -> MailGateway.policy()
        .route("example.com", "smtp:[10.0.0.5]:25")
        .route("Example.com", "smtp:[10.0.0.6]:25")
        .build())
        .hasMessageContaining("transports[1]: 'example.com' is routed already by transports[0]");
  }

  @Test
  void anEmptyCertificatePathIsRefused() {
    assertThatThrownBy(() -> MailGateway.policy()
        .inboundTls(t -> t.certificate(java.nio.file.Path.of("")).key(java.nio.file.Path.of("k.pem")))
        .build())
        .hasMessageContaining("tls.inbound.certificate: an empty path");
  }

  @Test
  void aHugeBadValueIsNotEchoedBackWhole() {
    String huge = "x".repeat(10_000_000) + ".example";
    Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() ->
        MailGateway.policy().relayDomains(huge).build());

    assertThat(failure).isInstanceOf(PolicyException.class);
    assertThat(failure.getMessage()).hasSizeLessThan(2_000).contains("characters left out");
  }

  @Test
  void bannerThatDoesNotStartWithTheHostNameIsWarnedAbout() {
    GatewayPolicy policy = MailGateway.policy().banner("Welcome ESMTP").build();

    assertThat(policy.warnings()).extracting(Violation::path).containsExactly("banner");
  }

  @Test
  void overrideOfAnUnknownParameterIsRefused() {
    assertThatThrownBy(() -> MailGateway.policy().postfix("mynetwork_style", "subnet").build())
        .hasMessageContaining("postfixOverrides.mynetwork_style: 'mynetwork_style' is not a"
            + " Postfix 3.7 main.cf parameter");
  }

  @Test
  void overrideWithALineBreakIsRefused() {
    assertThatThrownBy(() ->
        MailGateway.policy().postfix("smtpd_banner", "x\nmynetworks = 0.0.0.0/0").build())
        .hasMessageContaining("postfixOverrides.smtpd_banner: must not contain a line break");
  }

  @Test
  void lastOverrideOfAParameterWins() {
    GatewayPolicy policy = MailGateway.policy()
        .postfix("mynetworks_style", "host")
        .postfix("mynetworks_style", "subnet")
        .build();

    assertThat(policy.postfixOverrides()).containsExactly(
        java.util.Map.entry("mynetworks_style", "subnet"));
  }

  @Test
  void mixedFingerprintDigestsAreRefusedAtTheOddOne() {
    assertThatThrownBy(() -> MailGateway.policy()
        .inboundTls(t -> t.certificate(Path.of("c")).key(Path.of("k"))
            .allowClientFingerprint(SHA256, "a")
            .allowClientFingerprint(SHA256, "b")
            .allowClientFingerprint(SHA1, "c"))
        .build())
        .hasMessageContaining("tls.inbound.fingerprints[2]: a SHA1 fingerprint among SHA256 ones");
  }

  @Test
  void malformedFingerprintIsReportedWithItsIndex() {
    assertThatThrownBy(() -> MailGateway.policy()
        .inboundTls(t -> t.certificate(Path.of("c")).key(Path.of("k"))
            .allowClientFingerprint(SHA256, "a")
            .allowClientFingerprint("AA:BB", "b"))
        .build())
        .hasMessageContaining("tls.inbound.fingerprints[1]: 'AA:BB' is not a SHA-1 or SHA-256");
  }

  @Test
  void inboundTlsNeedsCertificateAndKey() {
    PolicyException failure = catchThrowableOfType(PolicyException.class,
        () -> MailGateway.policy().inboundTls(t -> t.securityLevel("encrypt")).build());

    assertThat(failure.violations()).extracting(Violation::path)
        .containsExactly("tls.inbound.certificate", "tls.inbound.key");
  }

  @Test
  void outboundOnlyLevelIsRefusedInbound() {
    assertThatThrownBy(() -> MailGateway.policy()
        .inboundTls(t -> t.certificate(Path.of("c")).key(Path.of("k")).securityLevel("verify"))
        .build())
        .hasMessageContaining("tls.inbound.securityLevel: 'verify' applies to outbound TLS only");
  }

  @Test
  void spamLevelsMustRise() {
    assertThatThrownBy(() -> MailGateway.policy()
        .contentFilter(c -> c.tagLevel("3").tag2Level("8").killLevel("6"))
        .build())
        .hasMessageContaining("contentFilter.killLevel: the kill level 6 is below the tag2 level 8");
  }

  @Test
  void dkimRefusesWeakRsaKeys() {
    assertThatThrownBy(() -> MailGateway.policy().dkim(d -> d.domains("example.com").keyBits(1024)).build())
        .hasMessageContaining("dkim.keyBits: 1024 bits is not an RSA key size we generate");
  }

  @Test
  void dkimVerifiesThreeSignaturesAsOpenDkimUnlessToldOtherwise() {
    assertThat(MailGateway.policy().dkim(d -> d.domains("example.com")).build().dkim().orElseThrow()
        .maximumSignaturesToVerify()).isEqualTo(3);
  }

  @Test
  void dkimRefusesToVerifyNoSignatureOrThousands() {
    assertThatThrownBy(() -> MailGateway.policy()
        .dkim(d -> d.domains("example.com").maximumSignaturesToVerify(0)).build())
        .hasMessageContaining("dkim.maximumSignaturesToVerify: 0 is outside 1-100");
  }

  @Test
  void dkimNeedsADomain() {
    assertThatThrownBy(() -> MailGateway.policy().dkim(d -> d.selector("mail")).build())
        .hasMessageContaining("dkim.domains: DKIM signing needs at least one domain");
  }

  @Test
  void transportEntriesAreReportedByIndex() {
    assertThatThrownBy(() -> MailGateway.policy()
        .route("example.com", "smtp:[10.0.0.5]:25")
        .route("example.org", "nosuch:host")
        .build())
        .hasMessageContaining("transports[1]: unknown transport 'nosuch'");
  }

  @Test
  void relayDomainThatIsAlsoADestinationIsWarnedAbout() {
    GatewayPolicy policy = MailGateway.policy()
        .relayDomains("example.com").destinations("example.com").build();

    assertThat(policy.warnings()).extracting(Violation::path).containsExactly("destinations[0]");
  }

  @Test
  void destiniesDefaultToTheImagesAmavis() {
    ContentFilter filter = MailGateway.policy().build().contentFilter();

    assertThat(filter.spamDestiny()).isEqualTo(Destiny.PASS);
    assertThat(filter.virusDestiny()).isEqualTo(Destiny.QUARANTINE);
    assertThat(filter.quarantineDirectory()).isEqualTo(Path.of("/var/lib/amavis/virusmails"));
    assertThat(filter.failOpen()).isFalse();
  }

  @Test
  void destinyAcceptsThePolicyNameAndAmavisConstant() {
    ContentFilter filter = MailGateway.policy()
        .contentFilter(c -> c.spamDestiny("Reject").virusDestiny("D_DISCARD")).build().contentFilter();

    assertThat(filter.spamDestiny()).isEqualTo(Destiny.REJECT);
    assertThat(filter.virusDestiny()).isEqualTo(Destiny.DISCARD);
  }

  @Test
  void unknownDestinyIsReportedWithItsPath() {
    assertThatThrownBy(() -> MailGateway.policy()
        .contentFilter(c -> c.spamDestiny("bounce").virusDestiny("drop")).build())
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("contentFilter.spamDestiny: 'bounce' is not a destiny; there are pass,"
            + " reject, discard, quarantine")
        .hasMessageContaining("contentFilter.virusDestiny: 'drop' is not a destiny");
  }

  @Test
  void quarantineNeedsAnAbsoluteFolder() {
    assertThatThrownBy(() -> MailGateway.policy()
        .contentFilter(c -> c.quarantineDirectory(Path.of("quarantine"))).build())
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("contentFilter.quarantineDirectory: the quarantine folder quarantine"
            + " is not an absolute path");
  }

  @Test
  void anUpstreamProxyNeedsItsLoadBalancersAndKnowsOnlyHaproxy() {
    assertThatThrownBy(() -> MailGateway.policy().upstreamProxy(p -> p.protocol("nginx")
            .loadBalancers("10.0.0.0/33").timeout("soon")).build())
        .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.violations())
            .extracting(Violation::path)
            .containsExactly("upstreamProxy.protocol", "upstreamProxy.loadBalancers[0]",
                "upstreamProxy.timeout"));
    assertThatThrownBy(() -> MailGateway.policy().upstreamProxy(p -> p.protocol("haproxy")).build())
        .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.violations())
            .extracting(Violation::path).containsExactly("upstreamProxy.loadBalancers"));
  }
}
