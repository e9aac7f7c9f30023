package dev.mailgateway.dns;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Asks recursive DNS servers for TXT and MX records, as a stub resolver: over UDP with a random
 * id from a fresh port, the answer taken only from the server asked and only for the question
 * asked, over TCP when the answer is truncated, each server in turn for a number of attempts.
 *
 * <pre>{@code
 * List<String> txt = DnsResolver.system().txt("default._domainkey.example.com");
 * }</pre>
 */
public final class DnsResolver {

  private static final Path RESOLV_CONF = Path.of("/etc/resolv.conf");
  /** Made at the first query: seeding it loads the security providers, which a start need not. */
  private static final class Ids {
    static final SecureRandom RANDOM = new SecureRandom();
  }

  private final List<InetSocketAddress> servers;
  private final Duration timeout;
  private final int attempts;

  private DnsResolver(List<InetSocketAddress> servers, Duration timeout, int attempts) {
    this.servers = List.copyOf(servers);
    this.timeout = timeout;
    this.attempts = attempts;
  }

  /**
   * The servers of {@code /etc/resolv.conf} with its {@code timeout} and {@code attempts}
   * options (5 s and 2 unless it says otherwise); 127.0.0.1 when it names none, as the C
   * library does.
   */
  public static DnsResolver system() {
    List<String> lines;
    try {
      lines = Files.isReadable(RESOLV_CONF)
          ? Files.readAllLines(RESOLV_CONF, StandardCharsets.ISO_8859_1) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOLV_CONF, e);
    }
    return fromResolvConf(lines);
  }

  /** The resolver {@code resolv.conf} lines describe. */
  static DnsResolver fromResolvConf(List<String> lines) {
    List<InetSocketAddress> servers = new ArrayList<>();
    int timeoutSeconds = 5;
    int attempts = 2;
    for (String line : lines) {
      String[] words = line.strip().split("\\s+");
      if (words.length >= 2 && words[0].equals("nameserver") && isAddressLiteral(words[1])) {
        try {
          servers.add(new InetSocketAddress(InetAddress.getByName(words[1]), 53));
        } catch (IOException notAnAddress) {
          // A line the C library would skip too.
        }
      } else if (words[0].equals("options")) {
        for (String option : words) {
          timeoutSeconds = option.matches("timeout:\\d{1,2}") ? Math.max(1, Integer.parseInt(option.substring(8)))
              : timeoutSeconds;
          attempts = option.matches("attempts:\\d{1,2}") ? Math.max(1, Integer.parseInt(option.substring(9)))
              : attempts;
        }
      }
    }
    if (servers.isEmpty()) {
      servers.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53));
    }
    return new DnsResolver(servers.subList(0, Math.min(3, servers.size())),
        Duration.ofSeconds(timeoutSeconds), attempts);
  }

  private static boolean isAddressLiteral(String text) {
    return text.matches("[0-9.]+|[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?");
  }

  @Override
  public String toString() {
    return "DnsResolver[servers=" + servers + ", timeout=" + timeout + ", attempts=" + attempts + "]";
  }

  /** Asks one server, waiting at most {@code timeout} for each of two attempts. */
  public static DnsResolver using(InetSocketAddress server, Duration timeout) {
    return new DnsResolver(List.of(server), timeout, 2);
  }

  /**
   * The TXT records at a name, each joined from its strings; empty when the name or the records
   * do not exist.
   *
   * @throws DnsException when no server answered, or they failed, or the name is no DNS name
   */
  public List<String> txt(String name) throws DnsException {
    List<String> values = new ArrayList<>();
    for (DnsMessage.Answer answer : answers(name, DnsMessage.TYPE_TXT)) {
      values.add(record(name, () -> DnsMessage.txt(answer)));
    }
    return values;
  }

  /**
   * The MX records of a domain, by preference; empty when it has none or does not exist.
   *
   * @throws DnsException when no server answered, or they failed, or the name is no DNS name
   */
  public List<MxRecord> mx(String domain) throws DnsException {
    List<MxRecord> records = new ArrayList<>();
    for (DnsMessage.Answer answer : answers(domain, DnsMessage.TYPE_MX)) {
      records.add(record(domain, () -> DnsMessage.mx(answer)));
    }
    records.sort(Comparator.comparingInt(MxRecord::preference));
    return records;
  }

  /** A record's data, read; a malformed one fails the lookup as a server failure would. */
  private static <T> T record(String name, java.util.function.Supplier<T> read) throws DnsException {
    try {
      return read.get();
    } catch (IllegalArgumentException malformed) {
      throw new DnsException("DNS lookup of " + name + " failed for now: a malformed record ("
          + malformed.getMessage() + ")", true);
    }
  }

  private List<DnsMessage.Answer> answers(String name, int type) throws DnsException {
    String question = name.toLowerCase(Locale.ROOT);
    String lastProblem = "no server";
    for (int attempt = 0; attempt < attempts; attempt++) {
      for (InetSocketAddress server : servers) {
        DnsMessage.Response response;
        try {
          response = ask(server, question, type);
        } catch (IllegalArgumentException notAName) {
          throw new DnsException("'" + name + "' is not a DNS name", false);
        } catch (SocketTimeoutException e) {
          lastProblem = where(server) + " did not answer within " + timeout.toMillis() + " ms";
          continue;
        } catch (java.net.PortUnreachableException | java.net.ConnectException e) {
          lastProblem = "nothing listens at " + where(server);
          continue;
        } catch (IOException e) {
          lastProblem = where(server) + ": " + (e.getMessage() == null ? "network error" : e.getMessage());
          continue;
        }
        switch (response.rcode()) {
          case DnsMessage.RCODE_NOERROR -> {
            return response.answers().stream().filter(a -> a.type() == type).toList();
          }
          case DnsMessage.RCODE_NXDOMAIN -> {
            return List.of();
          }
          default -> lastProblem = where(server) + " answered with rcode "
              + response.rcode() + (response.rcode() == DnsMessage.RCODE_SERVFAIL ? " (SERVFAIL)"
              : response.rcode() == DnsMessage.RCODE_REFUSED ? " (REFUSED)" : "");
        }
      }
    }
    throw new DnsException("DNS lookup of " + name + " failed for now: " + lastProblem, true);
  }

  private static String where(InetSocketAddress server) {
    return server.getAddress().getHostAddress() + " port " + server.getPort();
  }

  /**
   * One exchange with a server: UDP, then TCP when the answer is truncated.
   *
   * @throws IllegalArgumentException when the name is no DNS name
   * @throws IOException when the server does not answer, or answers with bytes that are no
   *     answer to the question
   */
  private DnsMessage.Response ask(InetSocketAddress server, String name, int type) throws IOException {
    int id = Ids.RANDOM.nextInt(0x10000);
    byte[] query = DnsMessage.query(id, name, type);
    DnsMessage.Response response = overUdp(server, query, id, name, type);
    return response.truncated() ? overTcp(server, query, id, name, type) : response;
  }

  private DnsMessage.Response overUdp(InetSocketAddress server, byte[] query, int id, String name,
      int type) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (DatagramSocket socket = new DatagramSocket()) {
      // Connected: the kernel drops datagrams from any other address.
      socket.connect(server);
      socket.send(new DatagramPacket(query, query.length));
      byte[] buffer = new byte[65_535];
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new SocketTimeoutException("no answer");
        }
        socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        byte[] message = java.util.Arrays.copyOf(buffer, packet.getLength());
        try {
          DnsMessage.Response response = DnsMessage.response(message, name, type);
          if (response.id() == id) {
            return response;
          }
        } catch (IllegalArgumentException notTheAnswer) {
          // A stray or forged datagram: wait on for the real answer until the deadline.
        }
      }
    }
  }

  private DnsMessage.Response overTcp(InetSocketAddress server, byte[] query, int id, String name,
      int type) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(server, (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      byte[] framed = new byte[query.length + 2];
      framed[0] = (byte) (query.length >>> 8);
      framed[1] = (byte) query.length;
      System.arraycopy(query, 0, framed, 2, query.length);
      out.write(framed);
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] message = new byte[in.readUnsignedShort()];
      in.readFully(message);
      DnsMessage.Response response;
      try {
        response = DnsMessage.response(message, name, type);
      } catch (IllegalArgumentException malformed) {
        throw new IOException("a malformed answer over TCP: " + malformed.getMessage());
      }
      if (response.id() != id || response.truncated()) {
        throw new IOException("an answer over TCP to another query, or truncated");
      }
      return response;
    }
  }
}
