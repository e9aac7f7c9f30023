package dev.mailgateway.api;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network in CIDR notation, as Postfix's {@code mynetworks} lists them. A bare
 * address is a network of one host; an IPv6 network may be written with or without Postfix's
 * brackets ({@code [2001:db8::]/32}).
 */
public final class Cidr {

  private final byte[] network;
  private final int prefixLength;

  private Cidr(byte[] network, int prefixLength) {
    this.network = network;
    this.prefixLength = prefixLength;
  }

  /**
   * Parses a CIDR.
   *
   * @throws IllegalArgumentException with a message that says what is wrong
   */
  public static Cidr parse(String text) {
    String trimmed = text.strip();
    String invalid = trimmed + " is not a CIDR";
    int slash = trimmed.indexOf('/');
    String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
    if (address.startsWith("[") && address.endsWith("]")) {
      address = address.substring(1, address.length() - 1);
    }
    byte[] bytes;
    try {
      bytes = IpAddress.parse(address);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(invalid + ": " + e.getMessage(), e);
    }
    int maxLength = bytes.length * 8;
    int prefix = maxLength;
    if (slash >= 0) {
      String length = trimmed.substring(slash + 1);
      if (length.isEmpty() || length.length() > 3 || !Ascii.allDigits(length)) {
        throw new IllegalArgumentException(invalid + ": the prefix length must be a number");
      }
      prefix = Integer.parseInt(length);
      if (prefix > maxLength) {
        throw new IllegalArgumentException(
            invalid + ": the prefix length " + prefix + " exceeds " + maxLength);
      }
    }
    byte[] masked = mask(bytes, prefix);
    if (!Arrays.equals(masked, bytes)) {
      Cidr meant = new Cidr(masked, prefix);
      throw new IllegalArgumentException(
          trimmed + " has host bits set; the network is " + meant);
    }
    return new Cidr(bytes, prefix);
  }

  /**
   * The network of an address with a prefix length, host bits cleared: {@code 10.1.2.3} with 8
   * gives {@code 10.0.0.0/8}.
   */
  public static Cidr networkOf(InetAddress address, int prefixLength) {
    byte[] bytes = address.getAddress();
    if (prefixLength < 0 || prefixLength > bytes.length * 8) {
      throw new IllegalArgumentException(
          "prefix length " + prefixLength + " is outside 0-" + bytes.length * 8);
    }
    return new Cidr(mask(bytes, prefixLength), prefixLength);
  }

  private static byte[] mask(byte[] bytes, int prefix) {
    byte[] masked = bytes.clone();
    for (int i = 0; i < masked.length; i++) {
      int bitsHere = Math.max(0, Math.min(8, prefix - 8 * i));
      masked[i] &= (byte) (0xff00 >> bitsHere);
    }
    return masked;
  }

  /** Whether this is an IPv6 network. */
  public boolean isIpv6() {
    return network.length == 16;
  }

  /** The number of leading bits that name the network. */
  public int prefixLength() {
    return prefixLength;
  }

  /** Whether this network is everything ({@code 0.0.0.0/0} or {@code ::/0}): an open relay. */
  public boolean isEverything() {
    return prefixLength == 0;
  }

  /** Whether the address lies in this network. */
  public boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    return bytes.length == network.length && Arrays.equals(mask(bytes, prefixLength), network);
  }

  /** The form Postfix's {@code mynetworks} wants: IPv6 in brackets. */
  public String toPostfix() {
    return isIpv6() ? "[" + IpAddress.format(network) + "]/" + prefixLength : toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Cidr that
        && prefixLength == that.prefixLength
        && Arrays.equals(network, that.network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefixLength;
  }

  /** The canonical form, {@code 10.0.0.0/8} or {@code 2001:db8::/32}. */
  @Override
  public String toString() {
    return IpAddress.format(network) + "/" + prefixLength;
  }
}
