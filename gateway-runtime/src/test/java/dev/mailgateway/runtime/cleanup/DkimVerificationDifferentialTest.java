package dev.mailgateway.runtime.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.DkimAlgorithm;
import dev.mailgateway.api.Fqdn;
import dev.mailgateway.api.GatewayOptions;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.MailGateway;
import dev.mailgateway.config.GatewayRenderer;
import dev.mailgateway.config.PostfixInstance;
import dev.mailgateway.config.RealPeers;
import dev.mailgateway.config.RenderLayout;
import dev.mailgateway.dkim.DkimKey;
import dev.mailgateway.dkim.DkimRecord;
import dev.mailgateway.dkim.DkimSigner;
import dev.mailgateway.dkim.DnsKeyResolver;
import dev.mailgateway.runtime.EmbeddedGateway;
import dev.mailgateway.runtime.SmtpSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inbound DKIM verification, the runtime against Postfix with the rendered OpenDKIM (mode sv),
 * both asking the same loopback DNS server (dnsmasq) for the senders' keys: the same signed,
 * altered, unsigned and forged messages give the same result per signature.
 */
class DkimVerificationDifferentialTest {

  private static final Fqdn SENDER = Fqdn.parse("sender.example");
  private static final DkimKey RSA = DkimKey.generate(DkimAlgorithm.RSA);
  private static final DkimKey ED25519 = DkimKey.generate(DkimAlgorithm.ED25519);
  private static final Pattern RESULT = Pattern.compile("dkim=(\\w+)");
  private static final Pattern DOMAIN = Pattern.compile("header\\.d=([^\\s;]+)");
  private static final Pattern SELECTOR = Pattern.compile("header\\.s=([^\\s;]+)");

  @TempDir
  static Path dir;
  static Process dnsmasq;
  static Process opendkim;
  static int dnsPort;
  static SmtpSink postfixSink;
  static SmtpSink runtimeSink;
  static PostfixInstance postfix;
  static EmbeddedGateway runtime;

  @BeforeAll
  static void start() throws Exception {
    RealPeers.require("dnsmasq");
    RealPeers.require("opendkim");
    // Postfix's daemons run as postfix and must reach the instance below the test's folder.
    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      dnsPort = probe.getLocalPort();
    }
    dnsmasq = new ProcessBuilder("dnsmasq", "--keep-in-foreground", "--port=" + dnsPort,
        "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
        "--conf-file=/dev/null", "--pid-file=", "--user=root", "--local=/" + SENDER.name() + "/",
        "--txt-record=rsa._domainkey." + SENDER.name() + "," + DkimRecord.of(RSA, true, false).value(),
        "--txt-record=ed._domainkey." + SENDER.name() + "," + DkimRecord.of(ED25519, true, false).value())
        .redirectErrorStream(true).start();

    Files.createDirectories(dir.resolve("postfix-sink"));
    Files.createDirectories(dir.resolve("runtime-sink"));
    postfixSink = SmtpSink.start(dir.resolve("postfix-sink"));
    runtimeSink = SmtpSink.start(dir.resolve("runtime-sink"));
    runtime = EmbeddedGateway.start(policy(runtimeSink), GatewayOptions.forTests(),
        EmbeddedGateway.Parts.defaults().resolvingDkimKeysWith(
            DnsKeyResolver.using(new InetSocketAddress("127.0.0.1", dnsPort), Duration.ofSeconds(5)),
            Duration.ofSeconds(10)));

    Path root = dir.resolve("postfix");
    int milterPort = freePort();
    RenderLayout layout = RenderLayout.instance(root, "127.0.0.1", freePort())
        .withServicePorts(freePort(), milterPort);
    GatewayPolicy postfixPolicy = policy(postfixSink);
    GatewayRenderer.forLayout(layout).render(postfixPolicy).writeTo(root);
    Path unbound = Files.writeString(dir.resolve("unbound.conf"), "server:\n"
        + "  do-not-query-localhost: no\n"
        + "forward-zone:\n  name: \".\"\n  forward-addr: 127.0.0.1@" + dnsPort + "\n");
    Path conf = root.resolve("opendkim/opendkim.conf");
    Files.writeString(conf, Files.readString(conf) + "RequireSafeKeys false\n"
        + "ResolverConfiguration " + unbound + "\n");
    opendkim = new ProcessBuilder("opendkim", "-f", "-x", conf.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("opendkim.log").toFile()).start();
    awaitPort(milterPort);
    postfix = PostfixInstance.start(postfixPolicy, layout);
  }

  @AfterAll
  static void stop() throws Exception {
    if (postfix != null) {
      postfix.close();
    }
    if (runtime != null) {
      runtime.close();
    }
    for (Process process : new Process[] {opendkim, dnsmasq}) {
      if (process != null) {
        process.destroy();
        process.waitFor();
      }
    }
    for (SmtpSink sink : new SmtpSink[] {postfixSink, runtimeSink}) {
      if (sink != null) {
        sink.close();
      }
    }
  }

  /** The same policy for both: our own domain signed, mail for relay.example.test relayed. */
  private static GatewayPolicy policy(SmtpSink sink) {
    return MailGateway.policy()
        .hostname("gateway.example.test")
        .trust("127.0.0.1/32")
        .relayDomains("relay.example.test")
        .relayHost("[127.0.0.1]:" + sink.port())
        .withoutContentFilter()
        .dkim(d -> d.domains("example.com").keyDirectory(dir.resolve("keys")))
        .build();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void awaitPort(int port) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("nothing listens on " + port);
  }

  private static String message(String subject, String extraHeaders) {
    return "From: Sam <sam@" + SENDER.name() + ">\r\nTo: bob@relay.example.test\r\n"
        + "Subject: " + subject + "\r\nMessage-ID: <" + subject.replace(' ', '-') + "@sender.example>\r\n"
        + extraHeaders + "\r\nHello,\r\nthis is " + subject + ".\r\n";
  }

  private static String signed(String message, String selector, DkimKey key) {
    List<String> fields = DkimSigner.of(SENDER, selector, key)
        .sign(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
    return String.join("", fields) + message;
  }

  /** What each set-up made of a message: its results per signature, in order. */
  private record Outcome(List<String> postfix, List<String> runtime) { }

  private static Outcome send(String name, String message) throws Exception {
    Path file = Files.writeString(dir.resolve(name + ".eml"), message);
    for (String server : List.of(postfix.host() + ":" + postfix.port(),
        runtime.host() + ":" + runtime.port())) {
      String output = RealPeers.run("swaks", "--server", server, "--local-interface", "127.0.0.2",
          "--from", "sam@sender.example", "--to", "bob@relay.example.test", "--data", file.toString(),
          "--timeout", "30").output();
      assertThat(output).as(output).contains("250 2.0.0 Ok: queued as");
    }
    return new Outcome(results(arrived(postfixSink, name)), results(arrived(runtimeSink, name)));
  }

  private static String arrived(SmtpSink sink, String name) throws Exception {
    String id = "<" + name.replace(' ', '-') + "@sender.example>";
    for (int i = 0; i < 400; i++) {
      for (Path dump : sink.messages()) {
        String text = Files.readString(dump, StandardCharsets.ISO_8859_1);
        if (text.contains(id)) {
          return text;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError(name + " did not arrive; opendkim said: "
        + Files.readString(dir.resolve("opendkim.log")));
  }

  /**
   * The results the gateway's own Authentication-Results fields report: {@code pass
   * d=sender.example s=rsa} each; {@code none} without such a field. Fields in other names
   * count as {@code foreign}.
   */
  private static List<String> results(String dump) {
    List<String> results = new ArrayList<>();
    String headers = dump.substring(0, dump.indexOf("\n\n")).replace("\n\t", " ").replace("\n ", " ");
    for (String line : headers.split("\n")) {
      if (!line.regionMatches(true, 0, "Authentication-Results:", 0, 23)) {
        continue;
      }
      String value = line.substring(23).strip();
      if (!value.startsWith("gateway.example.test")) {
        results.add("foreign " + value.substring(0, value.indexOf(';')));
        continue;
      }
      Matcher result = RESULT.matcher(value);
      List<Integer> starts = new ArrayList<>();
      while (result.find()) {
        starts.add(result.start());
      }
      for (int i = 0; i < starts.size(); i++) {
        String info = value.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : value.length());
        Matcher status = RESULT.matcher(info);
        status.find();
        Matcher domain = DOMAIN.matcher(info);
        Matcher selector = SELECTOR.matcher(info);
        results.add(status.group(1) + " d=" + (domain.find() ? domain.group(1) : "")
            + " s=" + (selector.find() ? selector.group(1) : ""));
      }
    }
    return results.isEmpty() ? List.of("none") : results;
  }

  @Test
  void theSameMessagesGiveTheSameResultPerSignature() throws Exception {
    Map<String, String> messages = new LinkedHashMap<>();
    messages.put("rsa signed", signed(message("rsa signed", ""), "rsa", RSA));
    messages.put("ed25519 signed", signed(message("ed25519 signed", ""), "ed", ED25519));
    messages.put("altered body", signed(message("altered body", ""), "rsa", RSA)
        .replace("this is altered body.", "this is an altered body."));
    messages.put("altered subject", signed(message("altered subject", ""), "rsa", RSA)
        .replace("Subject: altered subject", "Subject: altered subject!"));
    messages.put("unknown selector", signed(message("unknown selector", ""), "gone", RSA));
    messages.put("two signatures", signed(signed(message("two signatures", ""), "ed", ED25519),
        "rsa", RSA));
    messages.put("unsigned", message("unsigned", ""));
    messages.put("forged results", signed(message("forged results",
        "Authentication-Results: gateway.example.test; dkim=pass header.d=bank.example\r\n"
            + "Authentication-Results: elsewhere.example; spf=pass\r\n"), "rsa", RSA));
    messages.put("forged unsigned", message("forged unsigned",
        "Authentication-Results: (comment) Gateway.Example.Test; dkim=pass header.d=bank.example\r\n"));

    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    for (Map.Entry<String, String> message : messages.entrySet()) {
      outcomes.put(message.getKey(), send(message.getKey(), message.getValue()));
    }

    StringBuilder table = new StringBuilder("message | Postfix + OpenDKIM | runtime\n");
    outcomes.forEach((name, o) -> table.append(name).append(" | ").append(o.postfix())
        .append(" | ").append(o.runtime()).append('\n'));
    System.out.print(table);
    outcomes.forEach((name, o) -> assertThat(o.runtime()).as(name + "\n" + table)
        .isEqualTo(o.postfix()));
    assertThat(outcomes.get("rsa signed").runtime()).containsExactly("pass d=sender.example s=rsa");
    assertThat(outcomes.get("altered body").runtime()).containsExactly("fail d=sender.example s=rsa");
    assertThat(outcomes.get("unsigned").runtime()).containsExactly("none");
  }
}
