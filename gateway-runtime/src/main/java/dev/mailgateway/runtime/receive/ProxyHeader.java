package dev.mailgateway.runtime.receive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * HAProxy's PROXY protocol header, versions 1 (text) and 2 (binary), as a load balancer sends it
 * before anything else on a connection: the client's address and port as the balancer saw them.
 * {@code UNKNOWN} (version 1), {@code LOCAL} and the unspecified family (version 2) carry no
 * client: the connection is the balancer's own (a health check), and its own address stands.
 * Anything else is refused with the reason, never guessed at.
 */
final class ProxyHeader {

  /** The longest version 1 header, CRLF included (the specification's 107). */
  static final int V1_MAX = 107;
  private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51,
      0x55, 0x49, 0x54, 0x0A};
  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
  private static final Pattern PORT = Pattern.compile("0|[1-9]\\d{0,4}");

  private ProxyHeader() {}

  /** A header that is malformed, truncated, or not one at all. */
  static final class Malformed extends IOException {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }

  /**
   * Reads a header from the start of a connection.
   *
   * @return the client's address and port, or empty when the header names none (the
   *     balancer's own connection)
   * @throws Malformed when what came is not a valid header, or ends before it does
   * @throws IOException when the connection fails
   */
  static Optional<InetSocketAddress> read(InputStream in) throws IOException {
    int first = in.read();
    if (first == 'P') {
      return version1(in);
    }
    if (first == V2_SIGNATURE[0]) {
      return version2(in);
    }
    throw new Malformed(first < 0 ? "the connection ended before a PROXY header"
        : "not a PROXY header: it begins with byte " + first);
  }

  private static Optional<InetSocketAddress> version1(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    line.write('P');
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new Malformed("the PROXY header ends before its CRLF");
      }
      line.write(b);
      if (b == '\n') {
        break;
      }
      if (line.size() >= V1_MAX) {
        throw new Malformed("the PROXY header is longer than " + V1_MAX + " bytes");
      }
    }
    String text = line.toString(StandardCharsets.US_ASCII);
    if (!text.endsWith("\r\n")) {
      throw new Malformed("the PROXY header does not end in CRLF");
    }
    String[] words = text.substring(0, text.length() - 2).split(" ", -1);
    if (!words[0].equals("PROXY") || words.length < 2) {
      throw new Malformed("not a PROXY header");
    }
    if (words[1].equals("UNKNOWN")) {
      return Optional.empty();
    }
    if (words.length != 6 || !(words[1].equals("TCP4") || words[1].equals("TCP6"))) {
      throw new Malformed("a PROXY header is PROXY TCP4|TCP6 SOURCE DESTINATION SPORT DPORT or"
          + " PROXY UNKNOWN");
    }
    boolean v4 = words[1].equals("TCP4");
    InetAddress source = literal(words[2], v4);
    literal(words[3], v4);
    return Optional.of(new InetSocketAddress(source, port(words[4])));
  }

  private static InetAddress literal(String text, boolean v4) throws Malformed {
    boolean form = v4 ? IPV4.matcher(text).matches() : IPV6.matcher(text).matches() && text.contains(":");
    if (!form) {
      throw new Malformed("'" + text + "' is not an IPv" + (v4 ? "4" : "6") + " address");
    }
    try {
      // A literal of the right form: parsed, never looked up.
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new Malformed("'" + text + "' is not an IPv" + (v4 ? "4" : "6") + " address");
    }
  }

  private static int port(String text) throws Malformed {
    if (!PORT.matcher(text).matches() || Integer.parseInt(text) > 65535) {
      throw new Malformed("'" + text + "' is not a port");
    }
    return Integer.parseInt(text);
  }

  private static Optional<InetSocketAddress> version2(InputStream in) throws IOException {
    byte[] head = new byte[16];
    head[0] = V2_SIGNATURE[0];
    readFully(in, head, 1, 15);
    if (!Arrays.equals(Arrays.copyOf(head, 12), V2_SIGNATURE)) {
      throw new Malformed("not a PROXY header: a version 2 signature was expected");
    }
    int versionCommand = head[12] & 0xFF;
    if (versionCommand >> 4 != 2) {
      throw new Malformed("PROXY protocol version " + (versionCommand >> 4) + " is not 2");
    }
    int command = versionCommand & 0x0F;
    int family = head[13] & 0xFF;
    int length = ((head[14] & 0xFF) << 8) | (head[15] & 0xFF);
    byte[] body = new byte[length];
    readFully(in, body, 0, length);
    if (command == 0x0) {
      return Optional.empty();
    }
    if (command != 0x1) {
      throw new Malformed("PROXY command " + command + " is neither LOCAL nor PROXY");
    }
    return switch (family) {
      case 0x00 -> Optional.empty();
      case 0x11 -> Optional.of(address(body, 4, "TCP over IPv4"));
      case 0x21 -> Optional.of(address(body, 16, "TCP over IPv6"));
      default -> throw new Malformed("PROXY address family " + family + " is not TCP over IPv4 or"
          + " IPv6: SMTP comes over TCP");
    };
  }

  private static InetSocketAddress address(byte[] body, int size, String family) throws Malformed {
    if (body.length < 2 * size + 4) {
      throw new Malformed("a PROXY header for " + family + " of " + body.length + " bytes is"
          + " shorter than its addresses");
    }
    try {
      InetAddress source = InetAddress.getByAddress(Arrays.copyOf(body, size));
      int port = ((body[2 * size] & 0xFF) << 8) | (body[2 * size + 1] & 0xFF);
      return new InetSocketAddress(source, port);
    } catch (UnknownHostException e) {
      throw new Malformed("a PROXY header's address is not one: " + e.getMessage());
    }
  }

  private static void readFully(InputStream in, byte[] into, int offset, int length)
      throws IOException {
    int done = 0;
    while (done < length) {
      int n = in.read(into, offset + done, length - done);
      if (n < 0) {
        throw new Malformed("the PROXY header ends after " + (offset + done) + " bytes");
      }
      done += n;
    }
  }

  /** Whether a command line is a PROXY header where none may come. */
  static boolean looksLikeOne(String line) {
    return line.startsWith("PROXY ");
  }

}
