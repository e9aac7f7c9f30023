package dev.mailgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mailgateway.api.Cidr;
import dev.mailgateway.api.PolicyException;
import dev.mailgateway.api.SecurityLevel;
import dev.mailgateway.api.Violation;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every row of container-compat.md, from the environment through the policy to the rendered value. */
class ContainerEnvironmentTest {

  private static final String SHA1 = "AA:BB:CC:DD:EE:FF:12:34:56:67:2E:FB:3F:34:99:90:AB:CD:EF:4C";
  private static final String SHA256 =
      "3E:9A:1C:55:0B:77:D2:48:6F:21:90:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23";

  @TempDir
  Path root;
  ContainerFixture container;

  @BeforeEach
  void setUp() {
    container = new ContainerFixture(root);
  }

  private Map<String, String> main() {
    return MainCfValues.of(container.mainCf());
  }

  private PolicyException failure() {
    return catchThrowableOfType(PolicyException.class, () -> container.read());
  }

  private static Violation violation(String path, String messagePart) {
    return new Violation(path, messagePart);
  }

  @Nested
  class FixedBase {
    @Test
    void aGatewayDeliversNothingLocally() {
      assertThat(main()).containsEntry("mydestination", "")
          .containsEntry("local_recipient_maps", "")
          .containsEntry("local_transport", "error:local mail delivery is disabled");
    }

    @Test
    void relayIsControlledBySmtpdRelayRestrictions() {
      assertThat(main())
          .containsEntry("smtpd_relay_restrictions", "permit_mynetworks, reject_unauth_destination")
          .containsEntry("smtpd_recipient_restrictions", "");
    }

    @Test
    void onlyLoopbackIsTrustedWhenNothingElseIsSaid() {
      assertThat(main()).containsEntry("mynetworks", "127.0.0.0/8");
    }
  }

  @Nested
  class Identity {
    @Test
    void hostNameDefaultsToTheImagesName() {
      assertThat(main()).containsEntry("myhostname", "amavis.mail-gateway");
      assertThat(container.rendered().text("amavis/conf.d/05-node_id"))
          .contains("$myhostname = 'amavis.mail-gateway';");
    }

    @Test
    void hostNameWithoutADotGetsLocalAppended() {
      container.set("MAIL_FQDN", "gateway");

      assertThat(main()).containsEntry("myhostname", "gateway.local");
    }

    @Test
    void hostNameIsLowerCasedInsteadOfMangled() {
      container.set("MAIL_FQDN", "Mail.Example.COM");

      assertThat(main()).containsEntry("myhostname", "mail.example.com");
    }

    @Test
    void invalidHostNameIsAnErrorNamingTheVariable() {
      container.set("MAIL_FQDN", "mail_server.example.com");

      assertThat(failure().violations()).extracting(Violation::path).containsExactly("MAIL_FQDN");
    }

    @Test
    void bannerDefaultsToHostNameAndEsmtp() {
      assertThat(main()).containsEntry("smtpd_banner", "$myhostname ESMTP");
    }

    @Test
    void bannerIsTakenFromTheVariable() {
      container.set("POSTFIX_SMTPD_BANNER", "$myhostname ESMTP ready");

      assertThat(main()).containsEntry("smtpd_banner", "$myhostname ESMTP ready");
    }

    @Test
    void bannerNotStartingWithTheHostNameIsWarnedAbout() {
      container.set("POSTFIX_SMTPD_BANNER", "mailserver.example.local ESMTP");

      assertThat(container.read().warnings()).extracting(Violation::path)
          .contains("POSTFIX_SMTPD_BANNER");
    }

    @Test
    void bannerWithALineBreakIsAnInjectionError() {
      container.set("POSTFIX_SMTPD_BANNER", "$myhostname\nmynetworks = 0.0.0.0/0");

      assertThat(failure().violations()).extracting(Violation::path)
          .containsExactly("POSTFIX_SMTPD_BANNER");
    }
  }

  @Nested
  class Networks {
    @Test
    void autoTrustAddsTheNetworksOfEveryInterfaceIpv6Included() {
      container.set("AUTO_TRUST_NETWORKS", "");

      assertThat(container.policy().trustConnectedNetworks()).isTrue();
      assertThat(main()).containsEntry("mynetworks", "127.0.0.0/8, 172.18.0.0/16, [fd00:18::]/64");
    }

    @Test
    void additionalNetworksAreAppendedToTheDefault() {
      container.set("ADDITIONAL_MYNETWORKS", "10.0.0.0/8, 192.168.0.0/16");

      assertThat(main()).containsEntry("mynetworks", "127.0.0.0/8, 10.0.0.0/8, 192.168.0.0/16");
    }

    @Test
    void additionalNetworksAreAppendedToTheConnectedOnes() {
      container.set("AUTO_TRUST_NETWORKS", "yes").set("ADDITIONAL_MYNETWORKS", "10.0.0.0/8");

      assertThat(main()).containsEntry("mynetworks",
          "10.0.0.0/8, 127.0.0.0/8, 172.18.0.0/16, [fd00:18::]/64");
    }

    @Test
    void openRelayFromTheEnvironmentRendersWithALoudWarning() {
      container.set("ADDITIONAL_MYNETWORKS", "0.0.0.0/0");

      assertThat(container.read().warnings())
          .contains(new Violation("ADDITIONAL_MYNETWORKS",
              "0.0.0.0/0 trusts every client: this gateway is an OPEN RELAY"));
      assertThat(container.mainCf()).contains("WARNING: mynetworks trusts every client");
    }

    @Test
    void myNetworksReplacesEverythingAndAdditionalIsIgnoredWithAWarning() {
      container.set("MYNETWORKS", "10.1.0.0/16").set("ADDITIONAL_MYNETWORKS", "10.2.0.0/16");

      assertThat(main()).containsEntry("mynetworks", "10.1.0.0/16");
      assertThat(container.read().warnings()).extracting(Violation::path)
          .contains("ADDITIONAL_MYNETWORKS");
    }

    @Test
    void invalidNetworkIsAnErrorNamingTheVariable() {
      container.set("ADDITIONAL_MYNETWORKS", "10.0.0.0/8 10.0.0.0/33");

      assertThat(failure().violations()).containsExactly(violation("ADDITIONAL_MYNETWORKS",
          "10.0.0.0/33 is not a CIDR: the prefix length 33 exceeds 32"));
    }
  }

  @Nested
  class RelayHost {
    @Test
    void relayHostIsRendered() {
      container.set("RELAYHOST", "[smtp.example.net]:587");

      assertThat(main()).containsEntry("relayhost", "[smtp.example.net]:587");
    }

    @Test
    void missingRelayHostIsWarnedAbout() {
      assertThat(container.read().warnings()).extracting(Violation::path).contains("RELAYHOST");
      assertThat(main()).containsEntry("relayhost", "");
    }

    @Test
    void malformedRelayHostIsAnError() {
      container.set("RELAYHOST", "[smtp.example.net:587");

      assertThat(failure().violations()).extracting(Violation::path).containsExactly("RELAYHOST");
    }
  }

  @Nested
  class ContentFiltering {
    @Test
    void amavisIsWiredByDefault() {
      ConfigTree tree = container.rendered();

      assertThat(MainCfValues.of(tree.text("postfix/main.cf")))
          .containsEntry("content_filter", "smtp-amavis:[127.0.0.1]:10024")
          .containsEntry("receive_override_options", "no_address_mappings");
      assertThat(tree.text("postfix/master.cf"))
          .contains("smtp-amavis unix")
          .contains("-o smtp_send_xforward_command=yes")
          .contains("127.0.0.1:10025 inet")
          .contains("-o content_filter=\n")
          .contains("-o mynetworks=127.0.0.0/8");
    }

    @Test
    void disableAmavisEvenWhenEmptyRemovesTheFilter() {
      container.set("DISABLE_AMAVIS", "");
      ConfigTree tree = container.rendered();

      assertThat(MainCfValues.of(tree.text("postfix/main.cf"))).doesNotContainKey("content_filter");
      assertThat(tree.text("postfix/master.cf")).doesNotContain("smtp-amavis");
      assertThat(tree.file("amavis/conf.d/50-user")).isEmpty();
    }

    @Test
    void virusAndSpamChecksAreOnByDefault() {
      assertThat(container.rendered().text("amavis/conf.d/15-content_filter_mode"))
          .contains("@bypass_virus_checks_maps = (\\%bypass_virus_checks,")
          .contains("@bypass_spam_checks_maps = (\\%bypass_spam_checks,");
    }

    @Test
    void disableVirusChecksBypassesThemForEveryone() {
      container.set("DISABLE_VIRUS_CHECKS", "1");

      assertThat(container.rendered().text("amavis/conf.d/15-content_filter_mode"))
          .contains("@bypass_virus_checks_maps = (1);")
          .contains("@bypass_spam_checks_maps = (\\%bypass_spam_checks,");
    }

    @Test
    void disableSpamChecksBypassesThemForEveryone() {
      container.set("DISABLE_SPAM_CHECKS", "1");

      assertThat(container.rendered().text("amavis/conf.d/15-content_filter_mode"))
          .contains("@bypass_spam_checks_maps = (1);");
    }

    @Test
    void spamLevelsHaveTheImagesDefaults() {
      assertThat(container.rendered().text("amavis/conf.d/50-user"))
          .contains("$sa_tag_level_deflt = undef;")
          .contains("$sa_tag2_level_deflt = 5;")
          .contains("$sa_kill_level_deflt = 20;");
    }

    @Test
    void spamLevelsAreTakenFromTheVariables() {
      container.set("AMAVIS_SA_TAG_LEVEL_DEFLT", "2.5")
          .set("AMAVIS_SA_TAG2_LEVEL_DEFLT", "6.31")
          .set("AMAVIS_SA_KILL_LEVEL_DEFLT", "12");

      assertThat(container.rendered().text("amavis/conf.d/50-user"))
          .contains("$sa_tag_level_deflt = 2.5;")
          .contains("$sa_tag2_level_deflt = 6.31;")
          .contains("$sa_kill_level_deflt = 12;");
    }

    @Test
    void spamLevelThatIsNoNumberIsAnError() {
      container.set("AMAVIS_SA_KILL_LEVEL_DEFLT", "20; system('rm -rf /')");

      assertThat(failure().violations()).extracting(Violation::path)
          .containsExactly("AMAVIS_SA_KILL_LEVEL_DEFLT");
    }

    @Test
    void spamLevelsOutOfOrderAreAnError() {
      container.set("AMAVIS_SA_TAG2_LEVEL_DEFLT", "9").set("AMAVIS_SA_KILL_LEVEL_DEFLT", "8");

      assertThat(failure().violations()).extracting(Violation::path)
          .containsExactly("AMAVIS_SA_KILL_LEVEL_DEFLT");
    }
  }

  @Nested
  class OutboundTls {
    @Test
    void clientCertificateIsUsedWhenBothFilesAreThere() {
      container.file("tls/client.crt", "cert").file("tls/client.key", "key");

      assertThat(main())
          .containsEntry("smtp_tls_security_level", "may")
          .containsEntry("smtp_tls_cert_file", container.tls.resolve("client.crt").toString())
          .containsEntry("smtp_tls_key_file", container.tls.resolve("client.key").toString());
    }

    @Test
    void missingDefaultFilesAreReportedNotSilentlySkipped() {
      assertThat(container.read().warnings()).extracting(Violation::path)
          .contains("POSTFIX_SSL_OUT_CERT");
      assertThat(main()).doesNotContainKey("smtp_tls_cert_file")
          .containsEntry("smtp_tls_security_level", "may");
    }

    @Test
    void namedFileThatDoesNotExistIsAnError() {
      container.set("POSTFIX_SSL_OUT_CERT", "/etc/postfix/tls/other.crt");

      assertThat(failure().violations().get(0).path()).isEqualTo("POSTFIX_SSL_OUT_CERT");
      assertThat(failure().violations().get(0).message())
          .contains("the file /etc/postfix/tls/other.crt does not exist");
    }

    @Test
    void containerPathsAreFoundInTheVolumeFolder() {
      container.file("tls/other.crt", "c").file("tls/other.key", "k")
          .set("POSTFIX_SSL_OUT_CERT", "/etc/postfix/tls/other.crt")
          .set("POSTFIX_SSL_OUT_KEY", "/etc/postfix/tls/other.key");

      assertThat(main())
          .containsEntry("smtp_tls_cert_file", container.tls.resolve("other.crt").toString());
    }

    @Test
    void securityLevelIsValidated() {
      container.set("POSTFIX_SSL_OUT_SECURITY_LEVEL", "strict");

      assertThat(failure().violations()).extracting(Violation::path)
          .containsExactly("POSTFIX_SSL_OUT_SECURITY_LEVEL");
    }

    @Test
    void securityLevelIsRendered() {
      container.set("POSTFIX_SSL_OUT_SECURITY_LEVEL", "encrypt");

      assertThat(main()).containsEntry("smtp_tls_security_level", "encrypt");
    }

    @Test
    void hardeningMatchesTheImage() {
      assertThat(main())
          .containsEntry("smtp_tls_exclude_ciphers", "aNULL, DES, RC4, MD5, 3DES")
          .containsEntry("smtp_tls_mandatory_exclude_ciphers", "aNULL, DES, RC4, MD5, 3DES")
          .containsEntry("smtp_tls_mandatory_ciphers", "medium")
          .containsEntry("smtp_tls_protocols", "!SSLv2, !SSLv3, !TLSv1, !TLSv1.1")
          .containsEntry("smtp_tls_session_cache_database", "btree:${data_directory}/smtp_scache")
          .containsEntry("smtp_tls_loglevel", "1");
    }
  }

  @Nested
  class InboundTls {
    @BeforeEach
    void serverCertificate() {
      container.file("tls/bundle.crt", "cert").file("tls/cert.key", "key");
    }

    @Test
    void serverCertificateIsUsedWithTheImagesHardening() {
      assertThat(main())
          .containsEntry("smtpd_tls_security_level", "may")
          .containsEntry("smtpd_tls_cert_file", container.tls.resolve("bundle.crt").toString())
          .containsEntry("smtpd_tls_key_file", container.tls.resolve("cert.key").toString())
          .containsEntry("smtpd_tls_mandatory_ciphers", "high")
          .containsEntry("smtpd_tls_mandatory_protocols", "!SSLv2, !SSLv3, !TLSv1, !TLSv1.1")
          .containsEntry("smtpd_tls_session_cache_database",
              "btree:${data_directory}/smtpd_scache")
          .doesNotContainKey("smtpd_tls_ask_ccert");
    }

    @Test
    void outboundOnlyLevelIsRefusedInbound() {
      container.set("POSTFIX_SSL_IN_SECURITY_LEVEL", "verify");

      assertThat(failure().violations()).extracting(Violation::path)
          .containsExactly("POSTFIX_SSL_IN_SECURITY_LEVEL");
    }

    @Test
    void rootCaLetsEveryCertificateItIssuedRelay() {
      container.file("tls/rootCA.crt", "ca");

      assertThat(main())
          .containsEntry("smtpd_tls_ask_ccert", "yes")
          .containsEntry("smtpd_tls_CAfile", container.tls.resolve("rootCA.crt").toString())
          .containsEntry("smtpd_relay_restrictions",
              "permit_mynetworks, permit_tls_all_clientcerts, reject_unauth_destination");
    }

    @Test
    void listedFingerprintsReallyGrantRelay() {
      container.set("POSTFIX_SSL_IN_CERT_FINGERPRINTS",
          SHA256 + " trusted.mailserver.example.tld");
      ConfigTree tree = container.rendered();

      assertThat(MainCfValues.of(tree.text("postfix/main.cf")))
          .containsEntry("smtpd_tls_ask_ccert", "yes")
          .containsEntry("smtpd_tls_fingerprint_digest", "sha256")
          .containsEntry("relay_clientcerts", "texthash:/etc/postfix/relay_clientcerts")
          .containsEntry("smtpd_relay_restrictions",
              "permit_mynetworks, permit_tls_clientcerts, reject_unauth_destination");
      assertThat(tree.text("postfix/relay_clientcerts"))
          .contains(SHA256 + " trusted.mailserver.example.tld\n");
    }

    @Test
    void sha1FingerprintsOfTheReadmeSelectTheSha1Digest() {
      container.set("POSTFIX_SSL_IN_CERT_FINGERPRINTS", SHA1 + " trusted.mailserver.example.tld");

      assertThat(main()).containsEntry("smtpd_tls_fingerprint_digest", "sha1");
    }

    @Test
    void fingerprintsComeFromTheVariableAndTheTableFileTogether() {
      container.set("POSTFIX_SSL_IN_CERT_FINGERPRINTS", SHA256.toLowerCase() + " node1\n")
          .file("tls/relay_clientcerts", "# nodes\n" + SHA256.replace("3E", "4F") + " node2\n");

      assertThat(container.policy().inboundTls().orElseThrow().fingerprints())
          .extracting(f -> f.label()).containsExactly("node1", "node2");
    }

    @Test
    void aSecondFingerprintOnTheLineOfTheFirstIsAnErrorNotDropped() {
      container.set("POSTFIX_SSL_IN_CERT_FINGERPRINTS", SHA256 + " node1 " + SHA1 + " node2");

      assertThat(failure().violations()).extracting(Violation::message).singleElement()
          .asString().contains("is a second fingerprint on the line of");
    }

    @Test
    void malformedFingerprintLineIsAnErrorNamingTheLine() {
      container.set("POSTFIX_SSL_IN_CERT_FINGERPRINTS", SHA256 + " node1\nAA:BB node2");

      assertThat(failure().violations()).extracting(Violation::path)
          .containsExactly("POSTFIX_SSL_IN_CERT_FINGERPRINTS line 2");
    }

    @Test
    void fingerprintWithoutLabelInTheTableFileNamesFileAndLine() {
      container.file("tls/relay_clientcerts", "\n" + SHA256 + "\n");

      assertThat(failure().violations()).extracting(Violation::path)
          .containsExactly("tls/relay_clientcerts:2");
    }

    @Test
    void mixedDigestsAreAnErrorAtTheOddLine() {
      container.set("POSTFIX_SSL_IN_CERT_FINGERPRINTS", SHA256 + " a\n" + SHA1 + " b");

      assertThat(failure().violations()).extracting(Violation::path)
          .containsExactly("POSTFIX_SSL_IN_CERT_FINGERPRINTS line 2");
    }
  }

  @Nested
  class FilePaths {
    @Test
    void aTlsFileThatIsNoPathIsAnErrorNamingTheVariable() {
      container.set("POSTFIX_SSL_IN_CERT", "/etc/postfix/tls/bun\u0000dle.crt");

      assertThat(failure().violations()).extracting(Violation::path).contains("POSTFIX_SSL_IN_CERT");
      assertThat(failure().violations()).extracting(Violation::message)
          .anySatisfy(m -> assertThat(m).contains("is not a file path"));
    }
  }

  @Nested
  class ClientCertificatesWithoutServerCertificate {
    @Test
    void rootCaWithoutServerCertificateIsAnError() {
      container.file("tls/rootCA.crt", "ca");

      assertThat(failure().violations()).extracting(Violation::path)
          .containsExactly("POSTFIX_SSL_IN_CERT");
    }

    @Test
    void noServerCertificateMeansNoInboundTlsAndAWarning() {
      assertThat(container.policy().inboundTls()).isEmpty();
      assertThat(container.read().warnings()).extracting(Violation::path)
          .contains("POSTFIX_SSL_IN_CERT");
    }
  }

  @Nested
  class QueueAndDomains {
    @Test
    void queueLifetimesAreRenderedWithTheirUnit() {
      container.set("POSTFIX_QUEUE_LIFETIME_BOUNCE", "1").set("POSTFIX_QUEUE_LIFETIME_MAX", "12h");

      assertThat(main()).containsEntry("bounce_queue_lifetime", "1d")
          .containsEntry("maximal_queue_lifetime", "12h");
    }

    @Test
    void invalidQueueLifetimeIsAnError() {
      container.set("POSTFIX_QUEUE_LIFETIME_MAX", "five days");

      assertThat(failure().violations()).extracting(Violation::path)
          .containsExactly("POSTFIX_QUEUE_LIFETIME_MAX");
    }

    @Test
    void relayDomainsAndDestinationsAreRendered() {
      container.set("POSTFIX_RELAY_DOMAINS", "example.com example.org")
          .set("POSTFIX_MYDESTINATION", "gateway.example.com");

      assertThat(main()).containsEntry("relay_domains", "example.com, example.org")
          .containsEntry("mydestination", "gateway.example.com");
    }

    @Test
    void invalidRelayDomainIsAnError() {
      container.set("POSTFIX_RELAY_DOMAINS", "example.com exa$mple.org");

      assertThat(failure().violations()).extracting(Violation::path)
          .containsExactly("POSTFIX_RELAY_DOMAINS");
    }
  }

  @Nested
  class RawConfig {
    @Test
    void rawSettingIsAppliedLowerCased() {
      container.set("POSTFIX_RAW_CONFIG_MYNETWORKS_STYLE", "subnet");

      assertThat(main()).containsEntry("mynetworks_style", "subnet");
    }

    @Test
    void aParameterWithCapitalsIsSetUnderItsOwnNameWhichTheImagesLowerCaseOneMisses() {
      container.set("POSTFIX_RAW_CONFIG_SMTP_TLS_CAFILE", "/etc/ssl/certs/ca-certificates.crt");

      assertThat(main()).containsEntry("smtp_tls_CAfile", "/etc/ssl/certs/ca-certificates.crt")
          .doesNotContainKey("smtp_tls_cafile");
    }

    @Test
    void rawSettingWinsOverTheRenderedValueWithoutRepeatingTheName() {
      container.set("POSTFIX_RAW_CONFIG_SMTPD_BANNER", "$myhostname Gateway");

      assertThat(main()).containsEntry("smtpd_banner", "$myhostname Gateway");
      assertThat(container.mainCf().split("\nsmtpd_banner =", -1)).hasSize(2);
    }

    @Test
    void unknownParameterIsAnErrorNamingTheVariable() {
      container.set("POSTFIX_RAW_CONFIG_MYNETWORK_STYLE", "subnet");

      assertThat(failure().violations()).extracting(Violation::path)
          .containsExactly("POSTFIX_RAW_CONFIG_MYNETWORK_STYLE");
    }

    @Test
    void aMapThatIsAFolderIsAnErrorNamingIt() {
      container.folder("additional/transport").folder("additional/header_checks");

      assertThat(failure().violations()).extracting(Violation::path)
          .contains("additional/transport", "additional/header_checks");
    }

    @Test
    void aRouteToAnApplicationsHandlerIsAnErrorNamingItsLine() {
      // Found by TransportMapFuzzTest: imported, then refused only when rendered.
      container.file("additional/transport", "example.com smtp:[10.0.0.5]:25\nexample.org app:tickets\n");

      assertThat(failure().violations()).extracting(Violation::path).containsExactly("additional/transport:2");
    }

    @Test
    void aMapThatIsNotUtf8IsAnErrorNamingItsLineAndByte() throws Exception {
      container.file("additional/transport", "example.com smtp:[10.0.0.5]:25\n");
      java.nio.file.Files.write(container.additional.resolve("header_checks"), new byte[] {
          '/', 'a', '/', ' ', 'R', 'E', 'J', 'E', 'C', 'T', '\n', '/', (byte) 0xE9, '/', ' ', 'W', 'A', 'R', 'N', '\n'});
      container.set("RELAYHOST", "not a host name!");

      assertThat(failure().violations()).contains(
          violation("additional/header_checks:2", "not UTF-8 text (byte 0xE9): save the file as UTF-8"))
          .extracting(Violation::path).contains("RELAYHOST");
    }

    @Test
    void aValueThatPostfixCannotReadIsAnErrorNamingTheVariable() {
      container.set("POSTFIX_RAW_CONFIG_MESSAGE_SIZE_LIMIT", "abc")
          .set("POSTFIX_RAW_CONFIG_MYHOSTNAME", "")
          .set("POSTFIX_RAW_CONFIG_MYNETWORKS", "0.0.0.0/0");

      assertThat(failure().violations()).extracting(Violation::path).contains(
          "POSTFIX_RAW_CONFIG_MESSAGE_SIZE_LIMIT", "POSTFIX_RAW_CONFIG_MYHOSTNAME",
          "POSTFIX_RAW_CONFIG_MYNETWORKS");
    }

    @Test
    void lineBreakInAValueIsAnInjectionError() {
      container.set("POSTFIX_RAW_CONFIG_RELAYHOST", "[a.example]\nmynetworks = 0.0.0.0/0");

      assertThat(failure().violations()).extracting(Violation::message)
          .containsExactly("must not contain a line break: it would inject lines into"
              + " main.cf");
    }
  }

  @Nested
  class Dkim {
    @Test
    void domainsAndTheOpendkimFolderTurnSigningOn() {
      container.set("DKIM_DOMAINS", "example.com myotherdomain.tld").folder("additional/opendkim");
      ConfigTree tree = container.rendered();

      assertThat(tree.text("opendkim/KeyTable")).contains(
          "default._domainkey.example.com example.com:default:"
              + container.additional.resolve("opendkim/keys/example.com/default.private"));
      assertThat(tree.text("opendkim/SigningTable"))
          .contains("*@myotherdomain.tld default._domainkey.myotherdomain.tld");
      assertThat(tree.text("opendkim/opendkim.conf")).contains("Mode                    sv")
          .contains("SubDomains              yes").contains("LogWhy                  yes");
      assertThat(MainCfValues.of(tree.text("postfix/main.cf")))
          .containsEntry("milter_default_action", "accept")
          .containsEntry("milter_protocol", "6")
          .containsEntry("smtpd_milters", "inet:127.0.0.1:8891")
          .containsEntry("non_smtpd_milters", "$smtpd_milters");
    }

    @Test
    void onlyTrustedNetworksAreInternalHostsNotTheWholeInternet() {
      container.set("DKIM_DOMAINS", "example.com").set("ADDITIONAL_MYNETWORKS", "10.0.0.0/8")
          .folder("additional/opendkim");

      assertThat(container.rendered().text("opendkim/TrustedHosts"))
          .contains("127.0.0.1\n::1\n127.0.0.0/8\n10.0.0.0/8\n")
          .doesNotContain("0.0.0.0/0");
    }

    @Test
    void domainsWithoutTheFolderAreWarnedAboutAndDoNotSign() {
      container.set("DKIM_DOMAINS", "example.com");

      assertThat(container.policy().dkim()).isEmpty();
      assertThat(container.read().warnings()).extracting(Violation::path).contains("DKIM_DOMAINS");
    }
  }

  @Nested
  class AdditionalFiles {
    @Test
    void transportFileIsRenderedAsATableThatNeedsNoPostmap() {
      container.file("additional/transport",
          "# routes\nexample.com smtp:[10.0.0.5]:25\n.example.org   relay:[mx.example.org]\n");
      ConfigTree tree = container.rendered();

      assertThat(MainCfValues.of(tree.text("postfix/main.cf")))
          .containsEntry("transport_maps", "texthash:/etc/postfix/transport");
      assertThat(tree.text("postfix/transport"))
          .contains("example.com smtp:[10.0.0.5]:25\n.example.org relay:[mx.example.org]\n");
    }

    @Test
    void badTransportLinesAreErrorsWithFileAndLine() {
      container.file("additional/transport",
          "example.com smtp:[10.0.0.5]:25\nexample.org\n\nexample.net uucp:host\n");

      assertThat(failure().violations()).extracting(Violation::path)
          .containsExactly("additional/transport:2", "additional/transport:4");
    }

    @Test
    void headerChecksAreRenderedAsARegexpTable() {
      container.file("additional/header_checks", "/^Subject: .*viagra/ REJECT no spam\n");

      assertThat(main()).containsEntry("header_checks", "regexp:/etc/postfix/header_checks");
      assertThat(container.rendered().text("postfix/header_checks"))
          .contains("/^Subject: .*viagra/ REJECT no spam\n");
    }

    @Test
    void badHeaderCheckRulesAreErrorsWithFileAndLine() {
      container.file("additional/header_checks",
          "/^Subject: ok/ WARN\n/^Subject: (broken/ REJECT\n/^From: x/ EXPLODE\n");

      assertThat(failure().violations()).extracting(Violation::path)
          .containsExactly("additional/header_checks:2", "additional/header_checks:3");
    }
  }

  @Test
  void everyViolationIsReportedAtOnce() {
    container.set("MAIL_FQDN", "bad_host.example").set("RELAYHOST", "[x")
        .set("AMAVIS_SA_TAG2_LEVEL_DEFLT", "five")
        .set("POSTFIX_RAW_CONFIG_NO_SUCH_THING", "1")
        .file("additional/transport", "example.com\n");

    assertThat(failure().violations()).extracting(Violation::path).containsExactlyInAnyOrder(
        "MAIL_FQDN", "RELAYHOST", "AMAVIS_SA_TAG2_LEVEL_DEFLT", "POSTFIX_RAW_CONFIG_NO_SUCH_THING",
        "additional/transport:1");
  }

  @Test
  void misspelledVariableOfTheImageIsWarnedAbout() {
    container.set("POSTFIX_RELAYHOST", "[smtp.example.net]");

    assertThat(container.read().warnings()).extracting(Violation::path)
        .contains("POSTFIX_RELAYHOST");
  }

  @Test
  void unrelatedVariablesOfTheEnvironmentAreIgnoredQuietly() {
    container.set("PATH", "/usr/bin").set("HOME", "/root");

    assertThat(container.read().warnings()).extracting(Violation::path)
        .doesNotContain("PATH", "HOME");
  }

  @Test
  void inboundSecurityLevelIsTakenFromTheVariable() {
    container.file("tls/bundle.crt", "c").file("tls/cert.key", "k")
        .set("POSTFIX_SSL_IN_SECURITY_LEVEL", "encrypt");

    assertThat(container.policy().inboundTls().orElseThrow().securityLevel())
        .isEqualTo(SecurityLevel.ENCRYPT);
  }

  @Test
  void defaultTrustIsLoopbackOnly() {
    assertThat(container.policy().trust()).containsExactly(Cidr.parse("127.0.0.0/8"));
  }
}
