package dev.mailgateway.dns;

import dev.mailgateway.config.RealPeers;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A real DNS server for tests: dnsmasq on 127.0.0.1 and a free port, authoritative for
 * example.com with the records it is given (dnsmasq options such as {@code
 * --txt-record=NAME,TEXT}), answering over UDP and TCP.
 */
public final class Dnsmasq implements AutoCloseable {

  private final Process process;
  private final int port;

  private Dnsmasq(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts dnsmasq with these record options and waits until it runs. The port is free for UDP
   * when chosen but may be taken for TCP, which dnsmasq binds too (a loopback client's ephemeral
   * port, while other tests connect): then it starts again on another.
   */
  public static Dnsmasq start(String... records) throws IOException, InterruptedException {
    RealPeers.require("dnsmasq");
    String output = "";
    for (int attempt = 0; attempt < 5; attempt++) {
      int port;
      try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
        port = probe.getLocalPort();
      }
      List<String> command = new ArrayList<>(List.of("dnsmasq", "--keep-in-foreground",
          "--port=" + port, "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv",
          "--no-hosts", "--conf-file=/dev/null", "--pid-file=", "--user=root",
          "--local=/example.com/"));
      command.addAll(List.of(records));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      Thread.sleep(300);
      if (process.isAlive()) {
        return new Dnsmasq(process, port);
      }
      output = new String(process.getInputStream().readAllBytes());
      if (!output.contains("Address already in use")) {
        break;
      }
    }
    throw new AssertionError("dnsmasq did not start: " + output);
  }

  /** Where it answers. */
  public InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", port);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
