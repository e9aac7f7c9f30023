package dev.mailgateway.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict parsing of IP address literals. {@link InetAddress#getByName} is not used on user input
 * because it falls back to a DNS lookup for anything that is not a literal.
 */
final class IpAddress {

  private IpAddress() {}

  /** Parses an IPv4 or IPv6 literal into its 4 or 16 bytes. */
  static byte[] parse(String text) {
    return text.indexOf(':') >= 0 ? parseIpv6(text) : parseIpv4(text);
  }

  /** Whether the text looks like an address literal rather than a host name. */
  static boolean isLiteral(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static byte[] parseIpv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (four dotted numbers)");
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.length() > 3 || !Ascii.allDigits(part)) {
        throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
      }
      if (part.length() > 1 && part.charAt(0) == '0') {
        throw new IllegalArgumentException(
            "'" + text + "' has a leading zero in '" + part + "', which some resolvers read as octal");
      }
      int value = Integer.parseInt(part);
      if (value > 255) {
        throw new IllegalArgumentException("'" + text + "' has an octet above 255: " + part);
      }
      bytes[i] = (byte) value;
    }
    return bytes;
  }

  static byte[] parseIpv6(String text) {
    String invalid = "'" + text + "' is not an IPv6 address";
    int doubleColon = text.indexOf("::");
    if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
      throw new IllegalArgumentException(invalid + ": '::' may appear once only");
    }
    List<Integer> head = new ArrayList<>();
    List<Integer> tail = new ArrayList<>();
    if (doubleColon >= 0) {
      groups(text.substring(0, doubleColon), head, invalid, false);
      groups(text.substring(doubleColon + 2), tail, invalid, true);
    } else {
      groups(text, head, invalid, true);
    }
    int total = head.size() + tail.size();
    if (doubleColon < 0 ? total != 8 : total > 7) {
      throw new IllegalArgumentException(invalid + ": wrong number of groups");
    }
    byte[] bytes = new byte[16];
    for (int i = 0; i < head.size(); i++) {
      put(bytes, i, head.get(i));
    }
    for (int i = 0; i < tail.size(); i++) {
      put(bytes, 8 - tail.size() + i, tail.get(i));
    }
    return bytes;
  }

  private static void groups(String part, List<Integer> out, String invalid, boolean ipv4Allowed) {
    if (part.isEmpty()) {
      return;
    }
    String[] groups = part.split(":", -1);
    for (int i = 0; i < groups.length; i++) {
      String group = groups[i];
      if (ipv4Allowed && i == groups.length - 1 && group.indexOf('.') >= 0) {
        byte[] v4 = parseIpv4(group);
        out.add(((v4[0] & 0xff) << 8) | (v4[1] & 0xff));
        out.add(((v4[2] & 0xff) << 8) | (v4[3] & 0xff));
        continue;
      }
      if (group.isEmpty() || group.length() > 4 || !Ascii.allHexDigits(group)) {
        throw new IllegalArgumentException(invalid + ": bad group '" + group + "'");
      }
      out.add(Integer.parseInt(group, 16));
    }
  }

  private static void put(byte[] bytes, int group, int value) {
    bytes[2 * group] = (byte) (value >> 8);
    bytes[2 * group + 1] = (byte) value;
  }

  /** The canonical text form (RFC 5952 for IPv6). */
  static String format(byte[] bytes) {
    try {
      InetAddress address = InetAddress.getByAddress(bytes);
      if (bytes.length == 4) {
        return address.getHostAddress();
      }
      return compress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + bytes.length, e);
    }
  }

  private static String compress(byte[] bytes) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }
}
