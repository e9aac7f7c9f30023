package dev.mailgateway.runtime.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ETRN (RFC 1985) against real Postfix: the same dialogues get the same replies, word for word,
 * and the EHLO response offers it in both.
 */
class EtrnDifferentialTest extends DifferentialTest {

  @BeforeAll
  static void start() {
    both = BothGateways.start(BothGateways.policy().postfix("smtpd_error_sleep_time", "0").build(), root);
  }

  /** Every reply line to the dialogue, the greeting's and EHLO's left out. */
  private static List<String> replies(String host, int port, List<String> commands) throws Exception {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress("127.0.0.2", 0));
      socket.connect(new InetSocketAddress(host, port), 5000);
      socket.setSoTimeout(15_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
          StandardCharsets.ISO_8859_1));
      var out = socket.getOutputStream();
      List<String> replies = new ArrayList<>();
      in.readLine();
      for (String command : commands) {
        out.write((command + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (!command.startsWith("EHLO")) {
            replies.add(command + " -> " + line);
          }
          if (line.length() < 4 || line.charAt(3) != '-') {
            break;
          }
        }
      }
      return replies;
    }
  }

  private static List<String> bothReplyAlike(String... commands) throws Exception {
    return both.alike((host, port) -> replies(host, port, List.of(commands)));
  }

  @Test
  void etrnBeforeHeloIsRefusedAlike() throws Exception {
    assertThat(bothReplyAlike("ETRN relay.example.test", "QUIT"))
        .first().isEqualTo("ETRN relay.example.test -> 503 Error: send HELO/EHLO first");
  }

  @Test
  void etrnForARelayDomainOrItsSubdomainStartsTheQueueAlike() throws Exception {
    assertThat(bothReplyAlike("EHLO client.example", "ETRN relay.example.test",
        "ETRN @relay.example.test", "ETRN #sub.relay.example.test", "QUIT"))
        .startsWith("ETRN relay.example.test -> 250 Queuing started");
  }

  @Test
  void etrnForAnotherSiteIsServiceUnavailableAlike() throws Exception {
    assertThat(bothReplyAlike("EHLO client.example", "ETRN elsewhere.example", "ETRN [127.0.0.1]", "QUIT"))
        .first().isEqualTo("ETRN elsewhere.example -> 459 <elsewhere.example>: service unavailable");
  }

  @Test
  void etrnWithoutOneSiteOrWithABadOneIsASyntaxErrorAlike() throws Exception {
    bothReplyAlike("EHLO client.example", "ETRN", "ETRN a.example b.example", "ETRN ..bad", "ETRN a..b",
        "QUIT");
  }

  @Test
  void etrnInsideATransactionIsRefusedAlike() throws Exception {
    bothReplyAlike("EHLO client.example", "MAIL FROM:<a@client.example>", "ETRN relay.example.test",
        "RSET", "ETRN relay.example.test", "QUIT");
  }

  @Test
  void bothOfferEtrn() throws Exception {
    List<String> offered = both.alike((host, port) -> {
      try (Socket socket = new Socket(host, port)) {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
            StandardCharsets.ISO_8859_1));
        in.readLine();
        socket.getOutputStream().write("EHLO client.example\r\n".getBytes(StandardCharsets.US_ASCII));
        List<String> lines = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines.add(line.substring(4));
          if (line.charAt(3) != '-') {
            break;
          }
        }
        return lines.contains("ETRN");
      }
    }) ? List.of("ETRN") : List.of();

    assertThat(offered).containsExactly("ETRN");
  }
}
