package dev.mailgateway.cli;

import dev.mailgateway.api.MailQueue;
import dev.mailgateway.api.QueuedMessage;
import dev.mailgateway.runtime.control.PostqueueJson;
import dev.mailgateway.runtime.control.QueueAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gateway queue}: Postfix's queue tools for the gateway's queue, on a running gateway
 * (through its control socket) or on the spool of a stopped one (locked): {@code list} is
 * {@code mailq} (with {@code --json}, {@code postqueue -j}), {@code show} is {@code postcat -q},
 * {@code flush} is {@code postqueue -f}, and {@code delete}, {@code hold}, {@code release} and
 * {@code requeue} are {@code postsuper -d}, {@code -h}, {@code -H} and {@code -r}.
 */
@Command(name = "queue", mixinStandardHelpOptions = true,
    description = "Look into and steer the queue, as Postfix's mailq, postqueue and postsuper do.")
final class QueueCommand {

  private static final DateTimeFormatter ARRIVAL =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** What a queue command does with the queue, given it. */
  @FunctionalInterface
  private interface Work {
    int with(MailQueue queue, QueueAccess access, PrintWriter out) throws IOException;
  }

  private int run(Path spool, Work work) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (QueueAccess access = QueueAccess.open(spool)) {
      int code = work.with(access.queue(), access, out);
      out.flush();
      return code;
    } catch (IOException | NoSuchElementException e) {
      err.println("gateway queue: " + (e instanceof java.nio.file.NoSuchFileException missing
          ? missing.getFile() + ": " + missing.getReason() : e.getMessage()));
      err.flush();
      return 1;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the queue as mailq does: id (* active, ! held), size, arrival, sender,"
          + " the last deferral reason, recipients. --json: postqueue -j's objects, one a line.")
  int list(@Mixin SpoolOption spool,
      @Option(names = "--json", description = "One JSON object per message, as postqueue -j.")
          boolean json) {
    return run(spool.spool, (queue, access, out) -> {
      List<QueuedMessage> messages = queue.list();
      if (json) {
        messages.forEach(message -> out.println(PostqueueJson.write(message)));
        return 0;
      }
      if (messages.isEmpty()) {
        out.println("Mail queue is empty");
        return 0;
      }
      out.println("-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------");
      long bytes = 0;
      for (QueuedMessage message : messages) {
        char mark = switch (message.state()) {
          case ACTIVE -> '*';
          case HOLD -> '!';
          default -> ' ';
        };
        out.println(String.format(Locale.ROOT, "%-11s%c %8d %s  %s", message.id(), mark,
            message.size(), ARRIVAL.format(message.arrival()),
            message.sender().isEmpty() ? "MAILER-DAEMON" : message.sender()));
        message.reason().ifPresent(reason -> out.println(" ".repeat(48) + "(" + reason + ")"));
        message.recipients().forEach(recipient -> out.println(" ".repeat(41) + recipient));
        out.println();
        bytes += message.size();
      }
      out.println("-- " + (bytes + 1023) / 1024 + " Kbytes in " + messages.size() + " Request"
          + (messages.size() == 1 ? "." : "s."));
      return 0;
    });
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Print a queued message, envelope and content, as postcat -q does.")
  int show(@Mixin SpoolOption spool,
      @Parameters(paramLabel = "ID", description = "The queue id.") String id) {
    return run(spool.spool, (queue, access, out) -> {
      QueuedMessage message = queue.list().stream().filter(m -> m.id().equals(id)).findFirst()
          .orElseThrow(() -> new NoSuchElementException(id + ": no message with this queue id"));
      out.println("*** ENVELOPE RECORDS " + id + " ***");
      out.println("message_size: " + message.size());
      out.println("message_arrival_time: " + ARRIVAL.format(message.arrival()));
      out.println("sender: " + message.sender());
      message.recipients().forEach(recipient -> out.println("recipient: " + recipient));
      message.reason().ifPresent(reason -> out.println("reason: " + reason));
      out.println("queue: " + message.state().queueName());
      out.println("*** MESSAGE CONTENTS " + id + " ***");
      out.flush();
      try (InputStream content = queue.content(id)) {
        out.print(new String(content.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
            .replace("\r\n", "\n"));
      }
      out.println("*** MESSAGE FILE END " + id + " ***");
      return 0;
    });
  }

  @Command(name = "flush", mixinStandardHelpOptions = true,
      description = "Try every deferred message now, as postqueue -f. Held messages stay held.")
  int flush(@Mixin SpoolOption spool) {
    return run(spool.spool, (queue, access, out) -> {
      int flushed = queue.flush();
      out.println("gateway queue: flushed " + flushed + " deferred message" + (flushed == 1 ? "" : "s")
          + (access.running() ? "" : "; the gateway is not running: they go at its start"));
      return 0;
    });
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Delete messages (ids, or ALL), as postsuper -d.")
  int delete(@Mixin SpoolOption spool,
      @Parameters(paramLabel = "ID|ALL", arity = "1..*") List<String> ids) {
    return change(spool.spool, ids, "Deleted", MailQueue::delete);
  }

  @Command(name = "hold", mixinStandardHelpOptions = true,
      description = "Hold messages (ids, or ALL) until released, as postsuper -h.")
  int hold(@Mixin SpoolOption spool,
      @Parameters(paramLabel = "ID|ALL", arity = "1..*") List<String> ids) {
    return change(spool.spool, ids, "Placed on hold", MailQueue::hold);
  }

  @Command(name = "release", mixinStandardHelpOptions = true,
      description = "Release held messages (ids, or ALL), as postsuper -H.")
  int release(@Mixin SpoolOption spool,
      @Parameters(paramLabel = "ID|ALL", arity = "1..*") List<String> ids) {
    return change(spool.spool, ids, "Released from hold", MailQueue::release);
  }

  @Command(name = "requeue", mixinStandardHelpOptions = true,
      description = "Requeue messages (ids, or ALL) as if new, as postsuper -r.")
  int requeue(@Mixin SpoolOption spool,
      @Parameters(paramLabel = "ID|ALL", arity = "1..*") List<String> ids) {
    return change(spool.spool, ids, "Requeued", MailQueue::requeue);
  }

  /** A change of the messages named: how many, as postsuper says it. */
  @FunctionalInterface
  private interface Change {
    List<String> apply(MailQueue queue, List<String> ids) throws IOException;
  }

  private int change(Path spool, List<String> ids, String done, Change change) {
    return run(spool, (queue, access, out) -> {
      List<String> changed = change.apply(queue, ids);
      for (String id : ids) {
        if (!id.equals(MailQueue.ALL) && !changed.contains(id)) {
          spec.commandLine().getErr().println("gateway queue: warning: " + id
              + ": no message with this queue id");
        }
      }
      out.println("gateway queue: " + done + ": " + changed.size() + " message"
          + (changed.size() == 1 ? "" : "s"));
      return 0;
    });
  }
}
