package dev.mailgateway.runtime.receive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.GatewayOptions;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.config.PostfixInstance;
import dev.mailgateway.config.ProgramRun;
import dev.mailgateway.config.RealPeers;
import dev.mailgateway.runtime.EmbeddedGateway;
import dev.mailgateway.runtime.GatewayEvent;
import dev.mailgateway.runtime.SmtpSink;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gateways behind a real HAProxy that sends the PROXY header (version 1 with {@code send-proxy},
 * 2 with {@code send-proxy-v2}) from 127.0.0.9: two runtime instances and a private real Postfix
 * rendered from the same policy. The balancer's own address is not trusted; what it reports is:
 * 127.0.0.2 is refused relaying by all of them, 127.0.0.1 relays, and the Received header and
 * the log name the client, not the balancer.
 */
class LoadBalancerTest {

  private static final String BALANCER = "127.0.0.9";

  @TempDir
  Path dir;
  @TempDir
  Path postfixRoot;
  SmtpSink sink;
  EmbeddedGateway first;
  EmbeddedGateway second;
  PostfixInstance postfix;
  List<Process> haproxy = List.of();
  int toRuntimes;
  int toPostfix;

  @AfterEach
  void stop() throws Exception {
    for (Process process : haproxy) {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    for (AutoCloseable gateway : new AutoCloseable[] {first, second, postfix}) {
      if (gateway != null) {
        gateway.close();
      }
    }
    if (sink != null) {
      sink.close();
    }
  }

  private void start(String sendProxy) throws Exception {
    RealPeers.require("haproxy");
    sink = SmtpSink.start(dir);
    GatewayPolicy policy = MailGateway.policy()
        .hostname("gateway.example.test")
        .trust("127.0.0.1/32")
        .relayHost("[127.0.0.1]:" + sink.port())
        .withoutContentFilter()
        .upstreamProxy(p -> p.loadBalancers(BALANCER + "/32").timeout("2s"))
        .postfix("smtpd_client_connection_count_limit", "2")
        .build();
    first = EmbeddedGateway.start(policy, GatewayOptions.forTests());
    second = EmbeddedGateway.start(policy, GatewayOptions.forTests());
    postfix = PostfixInstance.start(policy, postfixRoot);
    int[] ports = RealPeers.freePorts(2);
    toRuntimes = ports[0];
    toPostfix = ports[1];
    haproxy = List.of(
        haproxy("runtimes", toRuntimes, sendProxy, "127.0.0.1:" + first.port(), "127.0.0.1:" + second.port()),
        haproxy("postfix", toPostfix, sendProxy, postfix.host() + ":" + postfix.port(),
            postfix.host() + ":" + postfix.port()));
    for (int port : ports) {
      awaitListening(port);
    }
  }

  /** HAProxy with the repository's configuration, docs/deploy/haproxy.cfg, filled in. */
  private Process haproxy(String name, int listen, String sendProxy, String server1, String server2)
      throws IOException {
    String template = Files.readString(Path.of("..", "docs", "deploy", "haproxy.cfg"));
    Path config = Files.writeString(dir.resolve(name + ".cfg"), template
        .replace("${LISTEN}", "127.0.0.1:" + listen).replace("${SEND_PROXY}", sendProxy)
        .replace("${SOURCE}", BALANCER).replace("${SERVER1}", server1).replace("${SERVER2}", server2));
    return new ProcessBuilder("haproxy", "-f", config.toString(), "-db").redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile()).start();
  }

  private void awaitListening(int port) throws Exception {
    for (int i = 0; i < 200; i++) {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(25);
      }
    }
    throw new AssertionError("HAProxy does not listen on " + port + ": "
        + Files.readString(dir.resolve("runtimes.log")) + Files.readString(dir.resolve("postfix.log")));
  }

  private static String swaks(int port, String from, String subject) {
    return ProgramRun.of(List.of("swaks", "--server", "127.0.0.1:" + port, "--local-interface", from,
        "--helo", "client.example", "--from", "alice@example.com", "--to", "bob@elsewhere.example",
        "--header", "Subject: " + subject), Duration.ofSeconds(30)).output();
  }

  private String delivered(String subject) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      for (Path file : sink.messages()) {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        if (text.contains("Subject: " + subject)) {
          return text;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no message '" + subject + "' arrived");
  }

  @ParameterizedTest
  @ValueSource(strings = {"send-proxy", "send-proxy-v2"})
  void theClientTheBalancerReportsIsTheOneEveryGatewayJudges(String sendProxy) throws Exception {
    start(sendProxy);

    for (int i = 0; i < 2; i++) {
      assertThat(swaks(toRuntimes, "127.0.0.2", "refused " + i))
          .contains("554 5.7.1 <bob@elsewhere.example>: Relay access denied");
    }
    assertThat(swaks(toPostfix, "127.0.0.2", "refused by postfix"))
        .contains("554 5.7.1 <bob@elsewhere.example>: Relay access denied");
    for (int i = 0; i < 2; i++) {
      assertThat(swaks(toRuntimes, "127.0.0.1", "relayed " + i)).contains("250 2.0.0 Ok: queued as");
    }
    assertThat(swaks(toPostfix, "127.0.0.1", "relayed by postfix")).contains("250 2.0.0 Ok: queued as");

    for (String subject : List.of("relayed 0", "relayed 1")) {
      assertThat(delivered(subject)).contains("from client.example ([127.0.0.1])")
          .doesNotContain(BALANCER);
    }
    assertThat(delivered("relayed by postfix")).contains("(unknown [127.0.0.1])").doesNotContain(BALANCER);
    for (EmbeddedGateway gateway : List.of(first, second)) {
      assertThat(gateway.events().all()).filteredOn(e -> e.kind() == GatewayEvent.Kind.CONNECTED)
          .extracting(e -> e.field("client"))
          .contains("unknown[127.0.0.2]", "unknown[127.0.0.1]").doesNotContain("unknown[" + BALANCER + "]");
    }
    assertThat(postfix.log()).contains("connect from unknown[127.0.0.2]")
        .contains("NOQUEUE: reject: RCPT from unknown[127.0.0.2]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "EHLO client.example\r\n", "PROXY TCP4 nonsense\r\n"})
  void aBalancersConnectionWithoutAValidHeaderIsDroppedUnanswered(String sent) throws Exception {
    start("send-proxy");

    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(BALANCER, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", first.port()), 5000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(sent.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();

      assertThat(in.read()).as("no greeting, then the end").isEqualTo(-1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"send-proxy"})
  void aClientOutsideTheBalancersNetworksThatSendsAHeaderIsDropped(String sendProxy) throws Exception {
    start(sendProxy);

    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress("127.0.0.2", 0));
      socket.connect(new InetSocketAddress("127.0.0.1", first.port()), 5000);
      socket.setSoTimeout(10_000);
      var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          StandardCharsets.US_ASCII));
      assertThat(in.readLine()).startsWith("220 ");
      socket.getOutputStream().write("PROXY TCP4 127.0.0.1 127.0.0.1 4000 25\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();

      assertThat(in.readLine()).as("dropped without an answer").isNull();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"send-proxy"})
  void thePerClientConnectionLimitCountsTheReportedClientNotTheBalancer(String sendProxy)
      throws Exception {
    start(sendProxy);
    List<Socket> open = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        open.add(proxied("127.0.0.5"));
        assertThat(greeting(open.get(i))).startsWith("220 ");
      }
      try (Socket third = proxied("127.0.0.5"); Socket other = proxied("127.0.0.6")) {
        assertThat(greeting(third)).startsWith("421 4.7.0 gateway.example.test Error: too many"
            + " connections from 127.0.0.5");
        assertThat(greeting(other)).as("another client behind the same balancer").startsWith("220 ");
      }
    } finally {
      for (Socket socket : open) {
        socket.close();
      }
    }
  }

  /** A connection from the balancer's address, with a version 1 header naming a client. */
  private Socket proxied(String client) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(BALANCER, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", first.port()), 5000);
    socket.setSoTimeout(10_000);
    socket.getOutputStream().write(("PROXY TCP4 " + client + " 127.0.0.1 40000 25\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return socket;
  }

  private static String greeting(Socket socket) throws IOException {
    return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
        StandardCharsets.US_ASCII)).readLine();
  }
}
