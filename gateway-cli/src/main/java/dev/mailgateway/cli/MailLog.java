package dev.mailgateway.cli;

import java.io.PrintStream;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The log of {@code gateway run}, Postfix's maillog: a line per event ({@link MailLogFormat}),
 * written to standard error by a thread of its own in batches. The console handler of
 * java.util.logging writes and flushes each line under a lock, and every session waited there
 * twice a message. The writer is not woken for each record, it looks every few milliseconds: a
 * wake-up per record cost a futex call on both sides. Nothing is dropped: when the backlog is
 * full, the session writes its record itself.
 */
final class MailLog extends Handler {

  private static final int BACKLOG = 65_536;
  private static final long PAUSE = TimeUnit.MILLISECONDS.toNanos(10);

  private final Queue<LogRecord> lines = new ConcurrentLinkedQueue<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private final PrintStream out;
  private final Thread writer;
  private volatile boolean open = true;

  private MailLog(PrintStream out) {
    this.out = out;
    setFormatter(new MailLogFormat());
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
    if (!open || waiting.get() >= BACKLOG) {
      synchronized (out) {
        out.print(getFormatter().format(record));
      }
      return;
    }
    // Formatted by the writer: the sessions only hand the record over.
    waiting.incrementAndGet();
    lines.add(record);
  }

  private void drain() {
    while (open) {
      if (!writeWaiting()) {
        LockSupport.parkNanos(this, PAUSE);
      }
    }
  }

  /**
   * Writes the records waiting, in one piece; false when there were none. One caller at a time:
   * the writer and a {@link #flush()} taking records at once would print them out of order.
   */
  private synchronized boolean writeWaiting() {
    StringBuilder text = new StringBuilder();
    for (LogRecord record = lines.poll(); record != null; record = lines.poll()) {
      waiting.decrementAndGet();
      text.append(getFormatter().format(record));
    }
    if (text.length() == 0) {
      return false;
    }
    synchronized (out) {
      out.print(text);
      out.flush();
    }
    return true;
  }

  @Override
  public void flush() {
    writeWaiting();
    out.flush();
  }

  /** Writes what is left and stops the writer. */
  @Override
  public void close() {
    open = false;
    LockSupport.unpark(writer);
    try {
      writer.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }
}
