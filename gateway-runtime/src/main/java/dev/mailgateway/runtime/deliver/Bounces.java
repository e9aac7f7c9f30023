package dev.mailgateway.runtime.deliver;

import dev.mailgateway.runtime.GatewayEvent;
import dev.mailgateway.runtime.GatewayEvents;
import dev.mailgateway.runtime.MessageDates;
import dev.mailgateway.runtime.queue.QueueEntry;
import dev.mailgateway.runtime.queue.Spool;
import dev.mailgateway.runtime.receive.Mailbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Delivery status notifications (RFC 3464) to the sender of mail that could not be delivered,
 * queued like any message, from the null sender so that a bounce never bounces.
 */
final class Bounces {

  private final String hostname;
  private final Spool spool;
  private final Clock clock;
  private final GatewayEvents events;

  Bounces(String hostname, Spool spool, Clock clock, GatewayEvents events) {
    this.hostname = hostname;
    this.spool = spool;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Queues a bounce for the failed recipients of a message; none for a message that is a bounce.
   *
   * @return the bounce's queue id
   */
  Optional<String> send(QueueEntry original, Map<Mailbox, String> reasons) throws IOException {
    if (original.sender().isEmpty() || reasons.isEmpty()) {
      return Optional.empty();
    }
    Mailbox sender = original.sender().get();
    String id = spool.newId();
    String boundary = id + "/" + hostname;
    String date = MessageDates.format(clock.instant());
    StringBuilder text = new StringBuilder()
        .append("From: MAILER-DAEMON@").append(hostname).append(" (Mail Delivery System)\r\n")
        .append("To: <").append(sender).append(">\r\n")
        .append("Subject: Undelivered Mail Returned to Sender\r\n")
        .append("Date: ").append(date).append("\r\n")
        .append("Message-ID: <").append(id).append('@').append(hostname).append(">\r\n")
        .append("Auto-Submitted: auto-replied\r\n")
        .append("MIME-Version: 1.0\r\n")
        .append("Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"")
        .append(boundary).append("\"\r\n\r\n")
        .append("--").append(boundary).append("\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n")
        .append("This is the mail system at host ").append(hostname).append(".\r\n\r\n")
        .append("I'm sorry to have to inform you that your message could not\r\n")
        .append("be delivered to one or more recipients.\r\n\r\n");
    reasons.forEach((recipient, reason) ->
        text.append("<").append(recipient).append(">: ").append(reason).append("\r\n"));
    text.append("\r\n--").append(boundary).append("\r\nContent-Type: message/delivery-status\r\n\r\n")
        .append("Reporting-MTA: dns; ").append(hostname).append("\r\n")
        .append("X-Postfix-Queue-ID: ").append(original.id()).append("\r\n")
        .append("Arrival-Date: ").append(MessageDates.format(original.received()))
        .append("\r\n");
    reasons.forEach((recipient, reason) -> text.append("\r\nFinal-Recipient: rfc822; ")
        .append(recipient).append("\r\nAction: failed\r\nStatus: ").append(status(reason))
        .append("\r\nDiagnostic-Code: smtp; ").append(reason.replace("\r", "").replace("\n", " "))
        .append("\r\n"));
    text.append("\r\n--").append(boundary).append("\r\nContent-Type: text/rfc822-headers\r\n\r\n");
    long size;
    try (Spool.Draft draft = spool.begin()) {
      CountingStream out = new CountingStream(draft.content());
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
      try (InputStream content = spool.open(original.id())) {
        copyHeaders(content, out);
      }
      out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
      draft.commit(QueueEntry.fresh(id, Optional.empty(), List.of(sender), clock.instant()), "");
      size = out.count;
    }
    events.record(id, GatewayEvent.Kind.NOTIFIED, "sender non-delivery notification of "
        + original.id(), GatewayEvents.fields("bounce-of", original.id(),
            "message-id", "<" + id + "@" + hostname + ">", "from", "<>", "size", Long.toString(size),
            "nrcpt", "1"));
    return Optional.of(id);
  }

  private static String status(String reason) {
    java.util.regex.Matcher enhanced = java.util.regex.Pattern.compile("\\b([245]\\.\\d{1,3}\\.\\d{1,3})\\b")
        .matcher(reason);
    return enhanced.find() ? enhanced.group(1).replaceFirst("^4", "5") : "5.0.0";
  }

  private static void copyHeaders(InputStream content, OutputStream out) throws IOException {
    int previous = -1;
    int beforePrevious = -1;
    for (int b = content.read(); b != -1; b = content.read()) {
      out.write(b);
      if (b == '\n' && previous == '\r' && beforePrevious == '\n') {
        return;
      }
      if (b == '\n' && previous == '\n') {
        return;
      }
      beforePrevious = previous;
      previous = b;
    }
  }

  /** Counts what passes, for the size Postfix's queue manager logs. */
  private static final class CountingStream extends java.io.FilterOutputStream {

    private long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
      count += length;
    }

    @Override
    public void close() {
      // The draft's stream is the draft's to close.
    }
  }
}
