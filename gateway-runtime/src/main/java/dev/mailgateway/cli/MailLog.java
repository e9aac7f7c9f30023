package dev.mailgateway.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The log of {@code gateway run}, Postfix's maillog: a line per event, written to standard error
 * by a thread of its own in batches. The console handler of java.util.logging writes and
 * flushes each line under a lock, and every session waited there twice a message. Nothing is
 * dropped: when the backlog is full, the logging thread waits for room.
 */
final class MailLog extends Handler {

  private final BlockingQueue<LogRecord> lines = new ArrayBlockingQueue<>(65_536);
  private final PrintStream out;
  private final Thread writer;
  private volatile boolean open = true;

  private MailLog(PrintStream out) {
    this.out = out;
    setFormatter(new SimpleFormatter());
    this.writer = new Thread(this::drain, "mail-log");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  /** Takes the place of the console handlers of the root logger. */
  static MailLog install() {
    Logger root = Logger.getLogger("");
    MailLog log = new MailLog(System.err);
    for (Handler handler : root.getHandlers()) {
      if (handler instanceof ConsoleHandler console) {
        log.setLevel(console.getLevel());
        root.removeHandler(handler);
      }
    }
    root.addHandler(log);
    return log;
  }

  @Override
  public void publish(LogRecord record) {
    if (!isLoggable(record)) {
      return;
    }
    if (!open) {
      out.print(getFormatter().format(record));
      return;
    }
    try {
      // Formatted by the writer: the sessions only hand the record over.
      lines.put(record);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      out.print(getFormatter().format(record));
    }
  }

  private void drain() {
    List<LogRecord> batch = new ArrayList<>();
    while (open || !lines.isEmpty()) {
      try {
        LogRecord first = lines.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        lines.drainTo(batch, 1024);
        StringBuilder text = new StringBuilder();
        batch.forEach(r -> text.append(getFormatter().format(r)));
        out.print(text);
        out.flush();
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void flush() {
    List<LogRecord> rest = new ArrayList<>();
    lines.drainTo(rest);
    rest.forEach(r -> out.print(getFormatter().format(r)));
    out.flush();
  }

  /** Writes what is left and stops the writer. */
  @Override
  public void close() {
    open = false;
    try {
      writer.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }
}
