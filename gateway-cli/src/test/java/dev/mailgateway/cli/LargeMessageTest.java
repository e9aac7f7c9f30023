package dev.mailgateway.cli;

import dev.mailgateway.runtime.SmtpSink;
import dev.mailgateway.config.RealPeers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.BufferedOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 100 MB message relays through a gateway process with a 64 MB heap, DKIM-signed on the way. */
class LargeMessageTest {

  static final long SIZE = 100L * 1024 * 1024;

  @TempDir
  Path dir;

  @Test
  void aHundredMegabyteMessageRelaysWithA64MegabyteHeap() throws Exception {
    SmtpSink sink = SmtpSink.start(dir);
    int port = RealPeers.freePort();
    Path policy = Files.writeString(dir.resolve("policy.yaml"), "hostname: gateway.example.test\n"
        + "trust: [127.0.0.1/32]\nrelayHost: \"[127.0.0.1]:" + sink.port() + "\"\n"
        + "contentFilter: {enabled: false}\n"
        + "dkim: {domains: [example.com], keyDirectory: " + dir.resolve("keys") + "}\n"
        + "postfixOverrides: {message_size_limit: \"200000000\"}\n");
    Process gateway = GatewayProcess.start(policy, port, dir.resolve("spool"),
        dir.resolve("gateway.log"), "-Xmx64m");
    try {
      String reply = "";
      for (int i = 0; i < 200 && reply.isEmpty(); i++) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
          reply = send(socket);
        } catch (java.net.ConnectException notYet) {
          Thread.sleep(50);
        }
      }
      assertThat(reply).as(Files.readString(dir.resolve("gateway.log"))).startsWith("250 2.0.0 Ok: queued as");

      long size = 0;
      // smtp-sink's dump ends lines in LF only: the message arrives whole when it holds every line.
      long expected = SIZE - SIZE / 1000;
      for (int i = 0; i < 1800 && size < expected; i++) {
        Thread.sleep(100);
        size = sink.messages().stream().mapToLong(f -> f.toFile().length()).sum();
      }
      assertThat(size).isGreaterThan(expected);
      assertThat(Files.readString(dir.resolve("gateway.log"))).doesNotContain("OutOfMemoryError");
    } finally {
      gateway.destroy();
      gateway.waitFor(20, TimeUnit.SECONDS);
      sink.close();
    }
  }

  private static String send(Socket socket) throws Exception {
    socket.setSoTimeout(120_000);
    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
    in.readLine();
    for (String command : new String[] {"EHLO big.example", "MAIL FROM:<big@example.com> SIZE=" + (SIZE + 200),
        "RCPT TO:<sink@elsewhere.example>", "DATA"}) {
      out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String line;
      do {
        line = in.readLine();
      } while (line.startsWith("250-"));
    }
    out.write("From: big@example.com\r\nSubject: big\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    byte[] line = ("y".repeat(998) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    for (long written = 0; written < SIZE; written += line.length) {
      out.write(line);
    }
    out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return in.readLine();
  }
}
