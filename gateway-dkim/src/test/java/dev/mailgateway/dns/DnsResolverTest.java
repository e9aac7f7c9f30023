package dev.mailgateway.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lookups against a real DNS server: dnsmasq on loopback, over UDP and TCP. */
class DnsResolverTest {

  /** Over 1232 bytes: the UDP answer is truncated and the resolver must ask again over TCP. */
  static final String LONG = "v=DKIM1; k=rsa; p=" + "A".repeat(1_600);
  static Dnsmasq dns;

  @BeforeAll
  static void startDnsServer() throws Exception {
    StringBuilder chunks = new StringBuilder();
    for (int i = 0; i < LONG.length(); i += 200) {
      chunks.append(',').append(LONG, i, Math.min(LONG.length(), i + 200));
    }
    dns = Dnsmasq.start("--txt-record=short._domainkey.example.com,v=DKIM1; p=QUJD",
        "--txt-record=long._domainkey.example.com" + chunks,
        "--mx-host=example.com,mx2.example.com,20", "--mx-host=example.com,MX1.example.com,10");
  }

  @AfterAll
  static void stopDnsServer() throws Exception {
    if (dns != null) {
      dns.close();
    }
  }

  private static DnsResolver resolver() {
    return DnsResolver.using(dns.address(), Duration.ofSeconds(2));
  }

  @Test
  void aTxtRecordIsFound() throws Exception {
    assertThat(resolver().txt("short._domainkey.example.com")).containsExactly("v=DKIM1; p=QUJD");
  }

  @Test
  void aTxtRecordTooLongForUdpIsFetchedOverTcpAndJoinedFromItsStrings() throws Exception {
    assertThat(resolver().txt("LONG._domainkey.example.com")).containsExactly(LONG);
  }

  @Test
  void aNameThatDoesNotExistHasNoRecords() throws Exception {
    assertThat(resolver().txt("none._domainkey.example.com")).isEmpty();
  }

  @Test
  void mailExchangersComeByPreferenceInLowerCase() throws Exception {
    assertThat(resolver().mx("example.com")).containsExactly(
        new MxRecord(10, "mx1.example.com"), new MxRecord(20, "mx2.example.com"));
  }

  @Test
  void aServerThatDoesNotAnswerIsATemporaryFailure() throws Exception {
    try (DatagramSocket quiet = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      DnsResolver silent = DnsResolver.using(
          new InetSocketAddress("127.0.0.1", quiet.getLocalPort()), Duration.ofMillis(200));

      assertThatThrownBy(() -> silent.txt("short._domainkey.example.com"))
          .isInstanceOfSatisfying(DnsException.class, e -> assertThat(e.isTemporary()).isTrue())
          .hasMessageContaining("127.0.0.1 port " + quiet.getLocalPort() + " did not answer within 200 ms");
    }
  }

  @Test
  void aNameThatIsNoDnsNameFailsForGood() {
    assertThatThrownBy(() -> resolver().txt("a..b"))
        .isInstanceOfSatisfying(DnsException.class, e -> assertThat(e.isTemporary()).isFalse());
  }

  @Test
  void resolvConfGivesServersAndOptionsAsTheCLibraryReadsThem() {
    DnsResolver resolver = DnsResolver.fromResolvConf(List.of("# comment", "search example.com",
        "nameserver 10.0.0.1", "nameserver ::1", "nameserver not-an-address",
        "options timeout:1 attempts:3 rotate"));

    assertThat(resolver).hasToString("DnsResolver[servers=[/10.0.0.1:53, /[0:0:0:0:0:0:0:1]:53],"
        + " timeout=PT1S, attempts=3]");
  }
}
