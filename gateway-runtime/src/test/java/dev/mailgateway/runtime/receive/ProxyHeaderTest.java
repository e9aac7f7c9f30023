package dev.mailgateway.runtime.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProxyHeaderTest {

  private static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55,
      0x49, 0x54, 0x0A};

  private static Optional<InetSocketAddress> read(String text) throws IOException {
    return ProxyHeader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
  }

  private static byte[] v2(int command, int family, byte[] addresses) {
    ByteBuffer header = ByteBuffer.allocate(16 + addresses.length);
    header.put(SIGNATURE).put((byte) (0x20 | command)).put((byte) family)
        .putShort((short) addresses.length).put(addresses);
    return header.array();
  }

  private static Optional<InetSocketAddress> read(byte[] bytes) throws IOException {
    return ProxyHeader.read(new ByteArrayInputStream(bytes));
  }

  @Test
  void version1ReportsTheClientOfTcp4() throws IOException {
    assertThat(read("PROXY TCP4 192.0.2.7 198.51.100.1 40001 25\r\nEHLO x\r\n"))
        .contains(new InetSocketAddress("192.0.2.7", 40001));
  }

  @Test
  void version1ReportsTheClientOfTcp6() throws IOException {
    assertThat(read("PROXY TCP6 2001:db8::7 2001:db8::1 40001 25\r\n"))
        .contains(new InetSocketAddress("2001:db8::7", 40001));
  }

  @Test
  void version1UnknownNamesNoClient() throws IOException {
    assertThat(read("PROXY UNKNOWN ffff:f...f:ffff ffff:f...f:ffff 65535 65535\r\n")).isEmpty();
  }

  @Test
  void theRestOfTheConnectionIsLeftUnread() throws IOException {
    InputStream in = new ByteArrayInputStream(
        "PROXY TCP4 192.0.2.7 198.51.100.1 40001 25\r\nEHLO x\r\n".getBytes(StandardCharsets.US_ASCII));

    ProxyHeader.read(in);

    assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("EHLO x\r\n");
  }

  @Test
  void version1WithoutItsCrlfIsMalformed() {
    assertThatThrownBy(() -> read("PROXY TCP4 192.0.2.7 198.51.100.1 40001 25\n"))
        .isInstanceOf(ProxyHeader.Malformed.class).hasMessageContaining("CRLF");
  }

  @Test
  void version1LongerThanTheSpecificationsLimitIsRefusedAtTheLimit() {
    assertThatThrownBy(() -> read("PROXY TCP4 " + "1".repeat(200) + "\r\n"))
        .isInstanceOf(ProxyHeader.Malformed.class).hasMessageContaining("longer than 107 bytes");
  }

  @Test
  void version1WithAHostNameIsMalformedAndNothingIsLookedUp() {
    assertThatThrownBy(() -> read("PROXY TCP4 mail.example.com 198.51.100.1 40001 25\r\n"))
        .isInstanceOf(ProxyHeader.Malformed.class)
        .hasMessage("'mail.example.com' is not an IPv4 address");
  }

  @Test
  void version1WithAnIpv6AddressUnderTcp4IsMalformed() {
    assertThatThrownBy(() -> read("PROXY TCP4 2001:db8::7 198.51.100.1 40001 25\r\n"))
        .isInstanceOf(ProxyHeader.Malformed.class);
  }

  @Test
  void version1WithAPortOutOfRangeIsMalformed() {
    assertThatThrownBy(() -> read("PROXY TCP4 192.0.2.7 198.51.100.1 65536 25\r\n"))
        .isInstanceOf(ProxyHeader.Malformed.class).hasMessage("'65536' is not a port");
  }

  @Test
  void aTruncatedHeaderIsMalformed() {
    assertThatThrownBy(() -> read("PROXY TCP4 192.0.2.7")).isInstanceOf(ProxyHeader.Malformed.class)
        .hasMessageContaining("ends before");
  }

  @Test
  void smtpInsteadOfAHeaderIsMalformed() {
    assertThatThrownBy(() -> read("EHLO client.example\r\n")).isInstanceOf(ProxyHeader.Malformed.class)
        .hasMessageContaining("not a PROXY header");
  }

  @Test
  void version2ReportsTheClientOfTcp4() throws IOException {
    byte[] addresses = ByteBuffer.allocate(12).put(new byte[] {(byte) 192, 0, 2, 7})
        .put(new byte[] {(byte) 198, 51, 100, 1}).putShort((short) 40001).putShort((short) 25).array();

    assertThat(read(v2(1, 0x11, addresses))).contains(new InetSocketAddress("192.0.2.7", 40001));
  }

  @Test
  void version2WithTlvsAfterTheAddressesReportsTheClient() throws IOException {
    byte[] addresses = ByteBuffer.allocate(12 + 7).put(new byte[] {(byte) 192, 0, 2, 7})
        .put(new byte[] {(byte) 198, 51, 100, 1}).putShort((short) 40001).putShort((short) 25)
        .put((byte) 0x04).putShort((short) 4).put(new byte[] {0, 0, 0, 0}).array();

    assertThat(read(v2(1, 0x11, addresses))).contains(new InetSocketAddress("192.0.2.7", 40001));
  }

  @Test
  void version2LocalNamesNoClient() throws IOException {
    assertThat(read(v2(0, 0x00, new byte[0]))).isEmpty();
  }

  @Test
  void version2WithAddressesShorterThanItsFamilyIsMalformed() {
    assertThatThrownBy(() -> read(v2(1, 0x21, new byte[12]))).isInstanceOf(ProxyHeader.Malformed.class)
        .hasMessageContaining("shorter than its addresses");
  }

  @Test
  void version2OverUdpIsRefused() {
    assertThatThrownBy(() -> read(v2(1, 0x12, new byte[12]))).isInstanceOf(ProxyHeader.Malformed.class)
        .hasMessageContaining("SMTP comes over TCP");
  }

  @Test
  void version2ThatEndsEarlyIsMalformed() {
    byte[] whole = v2(1, 0x11, new byte[12]);
    byte[] cut = java.util.Arrays.copyOf(whole, 20);

    assertThatThrownBy(() -> read(cut)).isInstanceOf(ProxyHeader.Malformed.class)
        .hasMessageContaining("ends after");
  }

  @Test
  void aWrongVersion2SignatureIsMalformed() {
    byte[] header = v2(1, 0x11, new byte[12]);
    header[7] = 'X';

    assertThatThrownBy(() -> read(header)).isInstanceOf(ProxyHeader.Malformed.class)
        .hasMessageContaining("signature");
  }
}
