package dev.mailgateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

  @ParameterizedTest
  @CsvSource({
      "10.0.0.0/8, 10.0.0.0/8, 10.0.0.0/8",
      "192.168.1.7, 192.168.1.7/32, 192.168.1.7/32",
      "2001:DB8::/32, 2001:db8::/32, [2001:db8::]/32",
      "[2001:db8::]/32, 2001:db8::/32, [2001:db8::]/32",
      "::1, ::1/128, [::1]/128",
      "0.0.0.0/0, 0.0.0.0/0, 0.0.0.0/0",
      "2001:db8:0:0:1:0:0:0/128, 2001:db8:0:0:1::/128, [2001:db8:0:0:1::]/128",
      "::ffff:10.0.0.0/104, ::ffff:a00:0/104, [::ffff:a00:0]/104"
  })
  void parsesIpv4AndIpv6NetworksIntoCanonicalAndPostfixForms(
      String input, String canonical, String postfix) {
    Cidr cidr = Cidr.parse(input);

    assertThat(cidr).hasToString(canonical);
    assertThat(cidr.toPostfix()).isEqualTo(postfix);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/33", "::/129", "10.0.0/8", "10.0.0.256/32", "010.0.0.0/8",
      "10.0.0.0/", "10.0.0.0/x", "example.com/8", "1:2:3:4:5:6:7:8:9/128", "1::2::3/128", ""})
  void rejectsWhatIsNoCidr(String input) {
    assertThatThrownBy(() -> Cidr.parse(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a CIDR");
  }

  @Test
  void prefixLongerThanTheAddressIsNamedInTheMessage() {
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33"))
        .hasMessage("10.0.0.0/33 is not a CIDR: the prefix length 33 exceeds 32");
  }

  @Test
  void hostBitsSetAreRefusedWithTheNetworkThatWasMeant() {
    assertThatThrownBy(() -> Cidr.parse("10.1.2.3/8"))
        .hasMessage("10.1.2.3/8 has host bits set; the network is 10.0.0.0/8");
  }

  @Test
  void containsAddressesOfItsNetworkOnly() throws Exception {
    Cidr cidr = Cidr.parse("10.0.0.0/8");

    assertThat(cidr.contains(InetAddress.getByName("10.200.3.4"))).isTrue();
    assertThat(cidr.contains(InetAddress.getByName("11.0.0.1"))).isFalse();
    assertThat(cidr.contains(InetAddress.getByName("::1"))).isFalse();
  }

  @Test
  void everythingIsTheOnlyOpenRelayNetwork() {
    assertThat(Cidr.parse("0.0.0.0/0").isEverything()).isTrue();
    assertThat(Cidr.parse("::/0").isEverything()).isTrue();
    assertThat(Cidr.parse("0.0.0.0/1").isEverything()).isFalse();
  }

  @Test
  void networkOfClearsHostBits() throws Exception {
    assertThat(Cidr.networkOf(InetAddress.getByName("10.1.2.3"), 16)).hasToString("10.1.0.0/16");
  }
}
