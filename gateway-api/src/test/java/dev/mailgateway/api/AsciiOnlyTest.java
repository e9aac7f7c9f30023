package dev.mailgateway.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Look-alike characters Java would fold into ASCII are refused, not read as their look-alikes. */
class AsciiOnlyTest {

  @Test
  void aDomainWithAKelvinSignIsNotReadAsOneWithAK() {
    assertThatThrownBy(() -> Fqdn.parse("mail.\u212Aiel.example"))
        .hasMessageContaining("only ASCII").hasMessageContaining("xn-- form");
  }

  @Test
  void fullwidthDigitsAreNoPrefixLength() {
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/\uFF18"))
        .hasMessageContaining("the prefix length must be a number");
  }

  @Test
  void fullwidthDigitsAreNoIpv4Address() {
    assertThatThrownBy(() -> Cidr.parse("\uFF11\uFF10.0.0.0/8"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fullwidthDigitsAreNoPort() {
    assertThatThrownBy(() -> NextHop.parse("[smtp.example.net]:\uFF15\uFF18\uFF17"))
        .hasMessageContaining("the port must be a number");
  }

  @Test
  void fullwidthHexDigitsAreNoIpv6Group() {
    assertThatThrownBy(() -> Cidr.parse("2001:db8::\uFF21/64"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
