package dev.mailgateway.runtime.receive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.GatewayPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many connections, from one client and from many, against a private Postfix and the runtime on
 * one policy with small limits: a client over {@code smtpd_client_connection_count_limit} is
 * turned away unless it is trusted, and a client beyond {@code default_process_limit} waits for
 * a free session rather than being refused.
 */
class ConnectionLimitsDifferentialTest extends DifferentialTest {


  @BeforeAll
  static void start() {
    GatewayPolicy policy = BothGateways.policy()
        .postfix("smtpd_client_connection_count_limit", "2")
        .postfix("default_process_limit", "4")
        .build();
    both = BothGateways.start(policy, root);
  }

  /** A connection from an address, and its first line, or how it ended without one. */
  private static String greeting(Socket socket, int waitMillis) throws IOException {
    socket.setSoTimeout(waitMillis);
    try {
      String line = new BufferedReader(new InputStreamReader(socket.getInputStream(),
          StandardCharsets.ISO_8859_1)).readLine();
      return line == null ? "(closed)" : line.substring(0, 3) + (line.startsWith("421")
          ? line.substring(line.indexOf(" Error")) : "");
    } catch (SocketTimeoutException waiting) {
      return "(waiting)";
    }
  }

  private static Socket connect(String from, String host, int port) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(from, 0));
    socket.connect(new InetSocketAddress(host, port), 5000);
    return socket;
  }

  /** Opens connections from the addresses in turn, keeping each open, and returns what each saw. */
  private static List<String> openAll(String host, int port, List<String> from) throws IOException {
    List<Socket> open = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    try {
      for (String address : from) {
        Socket socket = connect(address, host, port);
        open.add(socket);
        seen.add(greeting(socket, 5000));
      }
      return seen;
    } finally {
      for (Socket socket : open) {
        socket.close();
      }
    }
  }

  @Test
  void anUntrustedClientsThirdConnectionIsTurnedAwayAlike() throws Exception {
    List<String> seen = both.alike((host, port) -> openAll(host, port,
        List.of("127.0.0.2", "127.0.0.2", "127.0.0.2")));

    assertThat(seen).containsExactly("220", "220",
        "421 Error: too many connections from 127.0.0.2");
    // Both free the client's count when it goes.
    Thread.sleep(500);
  }

  @Test
  void aTrustedClientIsNotLimitedAlike() throws Exception {
    List<String> seen = both.alike((host, port) -> openAll(host, port,
        List.of("127.0.0.1", "127.0.0.1", "127.0.0.1")));

    assertThat(seen).containsExactly("220", "220", "220");
    Thread.sleep(500);
  }

  @Test
  void aClientBeyondTheProcessLimitWaitsForAFreeSessionAlike() throws Exception {
    List<String> seen = both.alike((host, port) -> {
      List<Socket> open = new ArrayList<>();
      List<String> outcome = new ArrayList<>();
      try {
        for (String address : List.of("127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6")) {
          Socket socket = connect(address, host, port);
          open.add(socket);
          outcome.add(greeting(socket, 5000));
        }
        Socket beyond = connect("127.0.0.7", host, port);
        open.add(beyond);
        outcome.add(greeting(beyond, 1500));
        open.get(0).close();
        outcome.add(greeting(beyond, 10_000));
        return outcome;
      } finally {
        for (Socket socket : open) {
          socket.close();
        }
        Thread.sleep(500);
      }
    });

    assertThat(seen).containsExactly("220", "220", "220", "220", "(waiting)", "220");
  }
}
