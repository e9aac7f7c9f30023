package dev.mailgateway.runtime.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.NextHop;
import dev.mailgateway.api.SecurityLevel;
import dev.mailgateway.runtime.SmtpSink;
import dev.mailgateway.runtime.queue.QueuedContent;
import dev.mailgateway.runtime.receive.Mailbox;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmtpNextHopClientTest {

  @TempDir
  Path folder;

  private final List<Socket> accepted = new ArrayList<>();
  private ServerSocket nextHop;

  @AfterEach
  void stopNextHop() throws IOException {
    for (Socket socket : accepted) {
      socket.close();
    }
    nextHop.close();
  }

  /** A next hop that accepts connections, says what it is given, then nothing more. */
  private NextHop nextHopSaying(String greeting) throws IOException {
    return listening(socket -> {
      OutputStream out = socket.getOutputStream();
      out.write(greeting.getBytes(StandardCharsets.US_ASCII));
      out.flush();
    });
  }

  /** What the next hop does with a connection, on the accepting thread. */
  private interface Connection {
    void accepted(Socket socket) throws IOException;
  }

  /** A next hop on a free loopback port that hands every connection to the handler. */
  private NextHop listening(Connection handler) throws IOException {
    nextHop = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      try {
        while (true) {
          Socket socket = nextHop.accept();
          accepted.add(socket);
          handler.accepted(socket);
        }
      } catch (IOException closed) {
        // The test is over.
      }
    });
    acceptor.setDaemon(true);
    acceptor.start();
    return NextHop.parse("[127.0.0.1]:" + nextHop.getLocalPort());
  }

  private DeliveryResult send(NextHop hop) throws IOException {
    try (SmtpNextHopClient client = client()) {
      return send(client, hop);
    }
  }

  private static SmtpNextHopClient client() {
    return new SmtpNextHopClient("gateway.example.test", SecurityLevel.NONE, Optional.empty(),
        Duration.ofMillis(500));
  }

  private DeliveryResult send(SmtpNextHopClient client, NextHop hop) throws IOException {
    Path message = Files.writeString(folder.resolve("m"), "Subject: x\r\n\r\nbody\r\n");
    return client.send(hop, Optional.of(new Mailbox("a", "example.com")),
        List.of(new Mailbox("b", "elsewhere.example")), new QueuedContent(message, 0));
  }

  @Test
  void aNextHopThatNeverGreetsIsDeferredAfterTheTimeout() throws IOException {
    DeliveryResult result = send(nextHopSaying(""));

    assertThat(result.deferred()).containsExactly(new Mailbox("b", "elsewhere.example"));
    assertThat(result.reply()).containsIgnoringCase("timed out");
  }

  @Test
  void aNextHopThatFallsSilentAfterItsGreetingIsDeferredAfterTheTimeout() throws IOException {
    DeliveryResult result = send(nextHopSaying("220 sink.example ESMTP\r\n"));

    assertThat(result.deferred()).containsExactly(new Mailbox("b", "elsewhere.example"));
    assertThat(result.reply()).containsIgnoringCase("timed out");
  }

  @Test
  void aCachedConnectionThatTheNextHopClosedIsReplacedWithoutADeferral() throws Exception {
    nextHop = new ServerSocket();
    // A real smtp-sink that drops a connection after one second without a command.
    try (SmtpSink sink = SmtpSink.start(folder, List.of("-t", "1"));
        SmtpNextHopClient client = client()) {
      NextHop hop = NextHop.parse("[127.0.0.1]:" + sink.port());
      assertThat(send(client, hop).delivered()).hasSize(1);
      Thread.sleep(1_500);

      DeliveryResult second = send(client, hop);

      assertThat(second.delivered()).containsExactly(new Mailbox("b", "elsewhere.example"));
      assertThat(second.reply()).startsWith("250").doesNotEndWith("\n");
    }
  }

  /**
   * A next hop that answers every command as a sink does and counts the sessions that ended,
   * by QUIT or by the client closing the connection.
   */
  /** A next hop that keeps the data of every message it is sent, dot-unstuffed. */
  private NextHop nextHopKeeping(List<String> messages) throws IOException {
    return listening(socket -> {
      Thread session = new Thread(() -> serve(socket, new java.util.concurrent.atomic.AtomicInteger(),
          messages));
      session.setDaemon(true);
      session.start();
    });
  }

  private static String rangeSentFrom(SmtpNextHopClient client, NextHop hop, Path file, long offset,
      long end, List<String> messages) {
    DeliveryResult result = client.send(hop, Optional.of(new Mailbox("a", "example.com")),
        List.of(new Mailbox("b", "elsewhere.example")), new QueuedContent(file, offset, end));
    assertThat(result.delivered()).hasSize(1);
    return messages.get(messages.size() - 1);
  }

  @Test
  void messagesUpToAndBeyond64KbAreSentAsTheRangeOfTheQueueFileHolds() throws IOException {
    List<String> messages = java.util.Collections.synchronizedList(new ArrayList<>());
    NextHop hop = nextHopKeeping(messages);
    try (SmtpNextHopClient client = client()) {
      for (int size : new int[] {64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 200 * 1024}) {
        String line = "x".repeat(78) + "\r\n";
        String body = line.repeat(size / line.length() + 1);
        String message = ("Subject: " + size + "\r\n\r\n" + body).substring(0, size - 2) + "\r\n";
        // A reused queue file: the envelope before the message, an older message's bytes after it.
        Path file = Files.writeString(folder.resolve("q" + size), "envelope\n" + message + "older",
            StandardCharsets.ISO_8859_1);
        long offset = "envelope\n".length();

        assertThat(rangeSentFrom(client, hop, file, offset, offset + message.length(), messages))
            .as("a message of %d bytes", size).isEqualTo(message);
      }
    }
  }

  private NextHop nextHopCountingEnds(java.util.concurrent.atomic.AtomicInteger ended)
      throws IOException {
    return listening(socket -> {
      Thread session = new Thread(() -> serve(socket, ended));
      session.setDaemon(true);
      session.start();
    });
  }

  private static void serve(Socket socket, java.util.concurrent.atomic.AtomicInteger ended) {
    serve(socket, ended, new ArrayList<>());
  }

  private static void serve(Socket socket, java.util.concurrent.atomic.AtomicInteger ended,
      List<String> messages) {
    StringBuilder text = new StringBuilder();
    try {
      var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          StandardCharsets.US_ASCII));
      OutputStream out = socket.getOutputStream();
      out.write("220 sink.example ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
      boolean data = false;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String reply = null;
        if (data) {
          if (line.equals(".")) {
            data = false;
            messages.add(text.toString());
            text.setLength(0);
            reply = "250 2.0.0 Ok: queued";
          } else {
            text.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
          }
        } else if (line.toUpperCase(java.util.Locale.ROOT).startsWith("DATA")) {
          data = true;
          reply = "354 End data with <CR><LF>.<CR><LF>";
        } else if (line.toUpperCase(java.util.Locale.ROOT).startsWith("QUIT")) {
          out.write("221 2.0.0 Bye\r\n".getBytes(StandardCharsets.US_ASCII));
          break;
        } else {
          reply = "250 2.0.0 Ok";
        }
        if (reply != null) {
          out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
      }
    } catch (IOException gone) {
      // Counted below.
    }
    ended.incrementAndGet();
  }

  @Test
  void aConnectionLeftIdleIsClosedWithinSecondsWithoutAnotherMessage() throws Exception {
    java.util.concurrent.atomic.AtomicInteger ended = new java.util.concurrent.atomic.AtomicInteger();
    try (SmtpNextHopClient client = client()) {
      assertThat(send(client, nextHopCountingEnds(ended)).delivered()).hasSize(1);
      assertThat(ended).hasValue(0);

      for (int i = 0; i < 50 && ended.get() == 0; i++) {
        Thread.sleep(100);
      }

      assertThat(ended).as("sessions ended by the client while it is still open").hasValue(1);
    }
  }
}
