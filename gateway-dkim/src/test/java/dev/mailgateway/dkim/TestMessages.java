package dev.mailgateway.dkim;

import java.nio.charset.StandardCharsets;

/** Messages of the kinds that break naive signers: plain, 8-bit, long lines, multipart, none. */
final class TestMessages {

  private TestMessages() {}

  static final String HEADERS = "From: Alice <alice@example.com>\r\n"
      + "To: Bob <bob@example.org>\r\n"
      + "Subject: Quarterly  report\r\n"
      + "\t(folded subject)\r\n"
      + "Date: Wed, 25 Nov 2026 10:00:00 +0000\r\n"
      + "Message-ID: <report-1@example.com>\r\n";

  static byte[] sevenBit() {
    return bytes(HEADERS + "\r\nHello Bob,\r\n\r\nthe figures are attached.  \r\n\r\n\r\n");
  }

  static byte[] eightBit() {
    return bytes("From: Jörg <joerg@example.com>\r\n"
        + "To: bob@example.org\r\n"
        + "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=UTF-8\r\n"
        + "Content-Transfer-Encoding: 8bit\r\n"
        + "\r\nGrüße aus Zürich – ça va? 日本語\r\n");
  }

  static byte[] longLines() {
    String line = "x".repeat(990);
    return bytes(HEADERS + "\r\n" + line + "\r\n" + (line + " \t ") + "\r\n" + line + "\r\n");
  }

  static byte[] multipart() {
    return bytes(HEADERS
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
        + "\r\n"
        + "This is a multi-part message.\r\n"
        + "--b1\r\n"
        + "Content-Type: text/plain; charset=us-ascii\r\n"
        + "\r\n"
        + "Part one.\r\n"
        + "--b1\r\n"
        + "Content-Type: application/octet-stream\r\n"
        + "Content-Transfer-Encoding: base64\r\n"
        + "\r\n"
        + "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\r\n"
        + "--b1--\r\n");
  }

  /** No body at all: its relaxed canonical form is empty, its simple one a CRLF. */
  static byte[] noBody() {
    return bytes(HEADERS + "\r\n");
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The message with the signature fields on top, as it travels on. */
  static byte[] signed(byte[] message, java.util.List<String> signatures) {
    byte[] head = String.join("", signatures).getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[head.length + message.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(message, 0, all, head.length, message.length);
    return all;
  }
}
