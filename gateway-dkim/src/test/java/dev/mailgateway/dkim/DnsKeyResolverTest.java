package dev.mailgateway.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.DkimAlgorithm;
import dev.mailgateway.config.RealPeers;
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
  static Process dnsmasq;
  static int port;

  @BeforeAll
  static void startDnsServer() throws Exception {
    RealPeers.require("dnsmasq");
    try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    dnsmasq = new ProcessBuilder("dnsmasq", "--keep-in-foreground", "--port=" + port,
        "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
        "--conf-file=/dev/null", "--pid-file=", "--user=root", "--local=/example.com/",
        "--txt-record=default._domainkey.example.com," + RECORD.value())
        .redirectErrorStream(true).start();
    Thread.sleep(300);
    assertThat(dnsmasq.isAlive()).as(new String(dnsmasq.getInputStream().readNBytes(
        dnsmasq.getInputStream().available()))).isTrue();
  }

  @AfterAll
  static void stopDnsServer() throws Exception {
    if (dnsmasq != null) {
      dnsmasq.destroy();
      dnsmasq.waitFor();
    }
  }

  private static DnsKeyResolver resolver() {
    return DnsKeyResolver.using(new InetSocketAddress("127.0.0.1", port), Duration.ofSeconds(2));
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
