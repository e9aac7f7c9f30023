package dev.mailgateway.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.DkimAlgorithm;
import dev.mailgateway.dns.Dnsmasq;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Key records from a real DNS server (dnsmasq on loopback). */
class DnsKeyResolverTest {

  static final DkimRecord RECORD = DkimRecord.of(DkimKey.generate(DkimAlgorithm.RSA), true, false);
  static Dnsmasq dns;

  @BeforeAll
  static void startDnsServer() throws Exception {
    dns = Dnsmasq.start("--txt-record=default._domainkey.example.com," + RECORD.value());
  }

  @AfterAll
  static void stopDnsServer() throws Exception {
    if (dns != null) {
      dns.close();
    }
  }

  private static DnsKeyResolver resolver() {
    return DnsKeyResolver.using(dns.address(), Duration.ofSeconds(2));
  }

  @Test
  void findsALongRecordJoinedFromItsStrings() throws Exception {
    assertThat(resolver().lookup("default._domainkey.example.com"))
        .singleElement().satisfies(txt -> assertThat(DkimRecord.parse(txt)).isEqualTo(RECORD));
  }

  @Test
  void aNameWithoutRecordGivesNone() throws Exception {
    assertThat(resolver().lookup("other._domainkey.example.com")).isEmpty();
  }

  @Test
  void aServerThatDoesNotAnswerIsATemporaryFailure() throws IOException {
    int silent;
    try (DatagramSocket quiet = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      silent = quiet.getLocalPort();
      DnsKeyResolver resolver =
          DnsKeyResolver.using(new InetSocketAddress("127.0.0.1", silent), Duration.ofMillis(300));

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> resolver.lookup("default._domainkey.example.com"))
          .isInstanceOfSatisfying(DkimKeyResolver.KeyLookupException.class,
              e -> assertThat(e.isTemporary()).isTrue());
    }
  }
}
