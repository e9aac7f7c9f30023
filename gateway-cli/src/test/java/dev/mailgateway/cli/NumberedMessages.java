package dev.mailgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.runtime.SmtpSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Messages numbered in their subject, sent one per session as a load does, and counted where
 * they arrive: what tests of crashes and restarts under load need to tell lost messages from
 * ones that arrived twice. Bodies have many lengths: the queue reuses the files of delivered
 * messages, and a shorter message in a longer one's file must come out whole and no longer.
 */
final class NumberedMessages {

  private final String prefix;

  NumberedMessages(String prefix) {
    this.prefix = prefix;
  }

  private static int bodyLength(int number) {
    return 300 + (number % 11) * 400;
  }

  /** Sends one message; true when the gateway answered 250 after the data. */
  boolean send(int port, int number) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
          StandardCharsets.US_ASCII));
      OutputStream out = socket.getOutputStream();
      String greeting = in.readLine();
      if (greeting == null || !greeting.startsWith("220")) {
        return false;
      }
      String[] commands = {"HELO load.example", "MAIL FROM:<load@example.com>",
          "RCPT TO:<sink@elsewhere.example>", "DATA"};
      for (String command : commands) {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String reply = in.readLine();
        if (reply == null || !(reply.startsWith("2") || reply.startsWith("354"))) {
          return false;
        }
      }
      out.write(("Subject: " + prefix + number + "\r\n\r\n" + "x".repeat(bodyLength(number))
          + "\r\n.\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String reply = in.readLine();
      return reply != null && reply.startsWith("250");
    } catch (IOException e) {
      return false;
    }
  }

  /** How many times each message arrived; a message whose body is not its own fails. */
  Map<Integer, Integer> arrived(SmtpSink sink) throws IOException {
    Map<Integer, Integer> counts = new HashMap<>();
    String subject = "Subject: " + prefix;
    for (Path file : sink.messages()) {
      String text = Files.readString(file, StandardCharsets.ISO_8859_1);
      int at = text.indexOf(subject);
      if (at >= 0) {
        int end = text.indexOf('\n', at);
        int number = Integer.parseInt(text.substring(at + subject.length(), end).strip());
        String body = text.substring(text.indexOf("\n\n", at) + 2).strip();
        assertThat(body).as("the body of " + prefix + number).isEqualTo("x".repeat(bodyLength(number)));
        counts.merge(number, 1, Integer::sum);
      }
    }
    return counts;
  }
}
