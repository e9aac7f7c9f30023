package dev.mailgateway.runtime.receive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.GatewayPolicy;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The differential test of the stages after RCPT: real Postfix and the runtime, rendered from
 * and running one policy with a header check, a size limit and a recipient limit, are given the
 * same whole dialogues; every final reply, code and enhanced status, is the same.
 */
class DataStageDifferentialTest extends DifferentialTest {

  static final Pattern FINAL_REPLY = Pattern.compile("(?m)^(\\d{3}) (\\d\\.\\d\\.\\d{1,3})?");


  @BeforeAll
  static void start() {
    GatewayPolicy policy = BothGateways.policy()
        .headerCheck("/^Subject:.*forbidden/ REJECT no thanks")
        .headerCheck("/^Subject:.*drop-me/ DISCARD")
        .postfix("message_size_limit", "20000")
        .postfix("smtpd_recipient_limit", "2")
        // Past the soft error limit both wait before each reply; the tests compare replies, and
        // EmbeddedGatewayTest shows the wait.
        .postfix("smtpd_error_sleep_time", "0")
        .build();
    both = BothGateways.start(policy, root);
  }

  /** Sends the dialogue, one command at a time, and returns every final reply's code and status. */
  private static List<String> replies(String host, int port, List<String> commands) throws Exception {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress("127.0.0.2", 0));
      socket.connect(new InetSocketAddress(host, port), 5000);
      socket.setSoTimeout(15_000);
      var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          StandardCharsets.ISO_8859_1));
      var out = socket.getOutputStream();
      List<String> replies = new ArrayList<>();
      replies.add(finalReply(in));
      for (String command : commands) {
        if (in.ready() || replies.get(replies.size() - 1).startsWith("5") && unsolicited(in)) {
          // The error limit answered before the next command: read it before a write to the
          // closed connection makes it reset.
          replies.add(finalReply(in));
        }
        if (replies.get(replies.size() - 1).startsWith("421")) {
          // The session ended: what it said last, and that it hung up.
          replies.add(finalReply(in));
          break;
        }
        out.write((command + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        replies.add(finalReply(in));
      }
      return replies;
    }
  }

  /** Whether the server says more without being asked, within 100 ms. */
  private static boolean unsolicited(java.io.BufferedReader in) throws Exception {
    for (int i = 0; i < 20; i++) {
      if (in.ready()) {
        return true;
      }
      Thread.sleep(5);
    }
    return false;
  }

  private static String finalReply(java.io.BufferedReader in) throws java.io.IOException {
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      Matcher reply = FINAL_REPLY.matcher(line);
      if (reply.lookingAt()) {
        return reply.group(1) + (reply.group(2) == null ? "" : " " + reply.group(2));
      }
    }
    return "(closed)";
  }

  private static void bothReplyAlike(List<String> commands) throws Exception {
    both.alike((host, port) -> replies(host, port, commands));
  }

  private static List<String> message(String subject, String body, String... recipients) {
    List<String> commands = new ArrayList<>(List.of("EHLO client.example", "MAIL FROM:<a@client.example>"));
    for (String recipient : recipients) {
      commands.add("RCPT TO:<" + recipient + ">");
    }
    commands.add("DATA");
    commands.add("Subject: " + subject + "\r\nFrom: a@client.example\r\n\r\n" + body + "\r\n.");
    commands.add("QUIT");
    return commands;
  }

  @Test
  void aPlainMessageIsQueuedByBoth() throws Exception {
    bothReplyAlike(message("hello", "Just a note.", "user@relay.example.test"));
  }

  @Test
  void aRejectingHeaderCheckRefusesTheMessageAlike() throws Exception {
    bothReplyAlike(message("a forbidden offer", "Buy.", "user@relay.example.test"));
  }

  @Test
  void aDiscardingHeaderCheckAcceptsTheMessageAlike() throws Exception {
    bothReplyAlike(message("please drop-me", "Gone.", "user@relay.example.test"));
  }

  @Test
  void aMessageOverTheSizeLimitIsRefusedAlike() throws Exception {
    bothReplyAlike(message("big", "x".repeat(70) + ("\r\n" + "x".repeat(70)).repeat(400),
        "user@relay.example.test"));
  }

  @Test
  void aDeclaredSizeOverTheLimitIsRefusedAtMailFromAlike() throws Exception {
    bothReplyAlike(List.of("EHLO client.example", "MAIL FROM:<a@client.example> SIZE=999999", "QUIT"));
  }

  @Test
  void recipientsOverTheLimitAreRefusedAlike() throws Exception {
    bothReplyAlike(message("many", "Hi all.", "a@relay.example.test", "b@relay.example.test",
        "c@relay.example.test"));
  }

  @Test
  void recipientsFarOverTheLimitAreAnswered452WithoutEndingTheSessionAlike() throws Exception {
    // Postfix counts no error for the first smtpd_recipient_overshoot_limit (1000) of them, so
    // thirty more than the limit do not reach smtpd_hard_error_limit (20).
    List<String> recipients = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      recipients.add("user" + i + "@relay.example.test");
    }
    List<String> commands = message("crowd", "Hi all.", recipients.toArray(String[]::new));
    commands.add(commands.size() - 1, "NOOP");

    bothReplyAlike(commands);
  }

  @Test
  void junkCommandsPastTheLimitBecomeErrorsUntilTheSessionEndsAlike() throws Exception {
    List<String> commands = new ArrayList<>(List.of("EHLO client.example"));
    for (int i = 0; i < 130; i++) {
      commands.add("NOOP");
    }
    commands.add("QUIT");

    List<String> replies = both.alike((host, port) -> replies(host, port, commands));
    assertThat(replies).endsWith("421 4.7.0", "(closed)");
  }

  @Test
  void aQueuedMessageForgivesTheJunkCommandsBeforeItAlike() throws Exception {
    List<String> commands = new ArrayList<>(List.of("EHLO client.example"));
    for (int i = 0; i < 95; i++) {
      commands.add("RSET");
    }
    List<String> message = message("between", "Still here.", "user@relay.example.test");
    commands.addAll(message.subList(1, message.size() - 1));
    for (int i = 0; i < 95; i++) {
      commands.add("NOOP");
    }
    commands.add("QUIT");

    bothReplyAlike(commands);
  }

  @Test
  void errorsUpToTheHardLimitEndTheSessionAlike() throws Exception {
    List<String> commands = new ArrayList<>(List.of("EHLO client.example"));
    for (int i = 0; i < 25; i++) {
      commands.add(i % 2 == 0 ? "BOGUS" : "RCPT TO:<nobody@relay.example.test>");
    }
    commands.add("QUIT");

    List<String> replies = both.alike((host, port) -> replies(host, port, commands));
    assertThat(replies).contains("421 4.7.0");
  }

  @Test
  void refusedRecipientsCountAsErrorsAlike() throws Exception {
    List<String> commands = new ArrayList<>(List.of("EHLO client.example", "MAIL FROM:<a@client.example>"));
    for (int i = 0; i < 22; i++) {
      commands.add("RCPT TO:<victim" + i + "@elsewhere.example>");
    }
    commands.add("QUIT");

    bothReplyAlike(commands);
  }

  @Test
  void anOverlongCommandLineIsAnsweredAlike() throws Exception {
    bothReplyAlike(List.of("EHLO client.example", "NOOP " + "x".repeat(3000),
        "MAIL FROM:<a@client.example>", "RCPT TO:<" + "y".repeat(3000) + "@relay.example.test>",
        "RCPT TO:<user@relay.example.test>", "QUIT"));
  }

  @Test
  void anOverlongLineInTheMessageIsTakenAlike() throws Exception {
    bothReplyAlike(message("long line", "z".repeat(5000), "user@relay.example.test"));
  }

  @Test
  void aHeaderSectionOverTheHeaderSizeLimitIsTakenAlike() throws Exception {
    StringBuilder headers = new StringBuilder();
    for (int i = 0; i < 1500; i++) {
      headers.append("X-Filler-").append(i).append(": ").append("h".repeat(70)).append("\r\n");
    }
    bothReplyAlike(message("big header\r\n" + headers.toString().strip(), "Body.",
        "user@relay.example.test"));
  }

  @Test
  void theRecipientLimitHoldsPerMessageNotAcrossTransactionsAlike() throws Exception {
    List<String> commands = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      List<String> message = message("batch " + i, "Part " + i + ".", "a" + i + "@relay.example.test",
          "b" + i + "@relay.example.test");
      commands.addAll(message.subList(i == 0 ? 0 : 1, message.size() - 1));
    }
    commands.add("QUIT");

    List<String> replies = both.alike((host, port) -> replies(host, port, commands));
    assertThat(replies).filteredOn(r -> r.startsWith("250 2.0.0")).hasSize(3);
  }

  @Test
  void dataWithoutRecipientsIsRefusedAlike() throws Exception {
    bothReplyAlike(List.of("EHLO client.example", "MAIL FROM:<a@client.example>", "DATA", "QUIT"));
  }

  @Test
  void aSecondMailFromIsRefusedAlike() throws Exception {
    bothReplyAlike(List.of("EHLO client.example", "MAIL FROM:<a@client.example>",
        "MAIL FROM:<b@client.example>", "QUIT"));
  }

  @Test
  void vrfyIsRefusedAlike() throws Exception {
    bothReplyAlike(List.of("EHLO client.example", "VRFY user@relay.example.test", "QUIT"));
  }

  @Test
  void resetNoopAndHelpAreAnsweredAlike() throws Exception {
    bothReplyAlike(List.of("EHLO client.example", "MAIL FROM:<a@client.example>", "RSET",
        "NOOP", "MAIL FROM:<a@client.example>", "QUIT"));
  }

  @Test
  void rcptBeforeMailIsRefusedAlike() throws Exception {
    bothReplyAlike(List.of("EHLO client.example", "RCPT TO:<user@relay.example.test>", "QUIT"));
  }

  @Test
  void mailBeforeHelloIsRefusedAlike() throws Exception {
    bothReplyAlike(List.of("MAIL FROM:<a@client.example>", "QUIT"));
  }

  @Test
  void anUnknownCommandIsRefusedAlike() throws Exception {
    bothReplyAlike(List.of("EHLO client.example", "XYZZY", "QUIT"));
  }
}
