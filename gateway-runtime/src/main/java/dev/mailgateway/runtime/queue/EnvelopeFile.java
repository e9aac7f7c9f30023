package dev.mailgateway.runtime.queue;

import dev.mailgateway.runtime.receive.Mailbox;
import dev.mailgateway.runtime.receive.SmtpPath;
import dev.mailgateway.api.NextHop;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The text form of a queue entry on disk: one {@code name value} line each, recipients one per
 * line. Paths are written as SMTP writes them, so they read back through the same parser.
 */
final class EnvelopeFile {

  private EnvelopeFile() {}

  static String write(QueueEntry entry) {
    StringBuilder text = new StringBuilder();
    text.append("id ").append(entry.id()).append('\n');
    text.append("sender <").append(entry.sender().map(Mailbox::toString).orElse("")).append(">\n");
    entry.recipients().forEach(r -> text.append("recipient <").append(r).append(">\n"));
    text.append("received ").append(entry.received()).append('\n');
    text.append("attempts ").append(entry.attempts()).append('\n');
    text.append("next ").append(entry.nextAttempt()).append('\n');
    text.append("error ").append(entry.lastError().replace('\n', ' ')).append('\n');
    entry.contentFilter().ifPresent(f -> text.append("filter ").append(f).append('\n'));
    if (entry.held()) {
      text.append("held yes\n");
    }
    // Values come from clients (a certificate's fingerprint) or scanners: one line each, always.
    entry.attributes().forEach((name, value) -> text.append("attr ").append(name).append(' ')
        .append(value.replace('\n', ' ').replace('\r', ' ')).append('\n'));
    return text.toString();
  }

  static QueueEntry read(String text) {
    String id = "";
    Optional<Mailbox> sender = Optional.empty();
    List<Mailbox> recipients = new ArrayList<>();
    Instant received = Instant.EPOCH;
    int attempts = 0;
    Instant next = Instant.EPOCH;
    String error = "";
    Optional<NextHop> filter = Optional.empty();
    boolean held = false;
    java.util.Map<String, String> attributes = new java.util.TreeMap<>();
    for (String line : text.split("\n")) {
      int space = line.indexOf(' ');
      String name = space < 0 ? line : line.substring(0, space);
      String value = space < 0 ? "" : line.substring(space + 1);
      switch (name) {
        case "id" -> id = value;
        case "sender" -> sender = SmtpPath.parse(value);
        case "recipient" -> recipients.add(SmtpPath.parse(value).orElseThrow());
        case "received" -> received = Instant.parse(value);
        case "attempts" -> attempts = Integer.parseInt(value);
        case "next" -> next = Instant.parse(value);
        case "error" -> error = value;
        case "filter" -> filter = Optional.of(NextHop.parse(value));
        case "held" -> held = value.equals("yes");
        case "attr" -> {
          int gap = value.indexOf(' ');
          attributes.put(gap < 0 ? value : value.substring(0, gap), gap < 0 ? "" : value.substring(gap + 1));
        }
        default -> throw new IllegalArgumentException("unknown envelope line '" + line + "'");
      }
    }
    return new QueueEntry(id, sender, recipients, received, attempts, next, error, filter, held,
        attributes);
  }
}
