package dev.mailgateway.runtime.log;

import dev.mailgateway.runtime.DaemonThreads;
import dev.mailgateway.runtime.GatewayEvent;
import dev.mailgateway.runtime.GatewayEvents;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The mail log of a gateway: its events and its other log records (warnings), written in a
 * format by a thread of its own in batches, to standard output or a file.
 *
 * <p>The sessions only hand a record over: formatting and writing are the writer's. The writer
 * is not woken for each record, it looks every few milliseconds (a wake-up per record cost a
 * futex call on both sides). Nothing is dropped: when the backlog is full, the caller writes its
 * record itself. A file renamed away (by logrotate, say) is noticed within a second and written
 * anew under its name, as Postfix's postlogd reopens its {@code maillog_file}.
 */
public final class MailLog implements Consumer<GatewayEvent>, AutoCloseable {

  private static final int BACKLOG = 65_536;
  private static final long PAUSE = TimeUnit.MILLISECONDS.toNanos(10);
  private static final long ROTATION_CHECK = TimeUnit.SECONDS.toNanos(1);

  private final EventFormat format;
  private final Optional<Path> file;
  private final Queue<Object> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicInteger backlog = new AtomicInteger();
  private final Thread writer;
  private final Handler handler = new Records();
  /**
   * Held here because java.util.logging holds loggers weakly: one collected would come back at
   * its default level, and the events would reach this log twice.
   */
  private final Logger silencedEvents = Logger.getLogger(GatewayEvents.LOGGER);
  private PrintStream out;
  private Object openedFile;
  private long checkedAt = System.nanoTime();
  private volatile boolean open = true;

  private MailLog(EventFormat format, PrintStream out, Optional<Path> file) {
    this.format = format;
    this.out = out;
    this.file = file;
    this.openedFile = file.map(MailLog::identity).orElse(null);
    this.writer = new DaemonThreads("mail-log").newThread(this::drain);
    this.writer.start();
  }

  /** A log written to a stream, such as standard output. */
  public static MailLog to(PrintStream out, EventFormat format) {
    return new MailLog(format, out, Optional.empty());
  }

  /**
   * A log appended to a file, made if missing (its folder must exist).
   *
   * @throws UncheckedIOException when the file cannot be opened for writing
   */
  public static MailLog to(Path file, EventFormat format) {
    return new MailLog(format, append(file), Optional.of(file));
  }

  private static PrintStream append(Path file) {
    try {
      OutputStream stream = new FileOutputStream(file.toFile(), true);
      return new PrintStream(new BufferedOutputStream(stream, 64 * 1024), false, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the mail log " + file + ": " + e.getMessage(), e);
    }
  }

  /** What tells a file from the one that took its name: its inode. */
  private static Object identity(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Makes this the log of a gateway's events and of this JVM's log records: listens to the
   * events, takes the place of the root logger's console handlers, and silences the events'
   * own logger, whose records would be the events twice.
   */
  public MailLog install(GatewayEvents events) {
    events.listen(this);
    Logger root = Logger.getLogger("");
    for (Handler existing : root.getHandlers()) {
      if (existing instanceof ConsoleHandler) {
        root.removeHandler(existing);
      }
    }
    root.addHandler(handler);
    silencedEvents.setLevel(Level.OFF);
    return this;
  }

  /** A java.util.logging handler that writes records to this log. */
  public Handler handler() {
    return handler;
  }

  @Override
  public void accept(GatewayEvent event) {
    hand(event);
  }

  private void hand(Object record) {
    if (!open || backlog.get() >= BACKLOG) {
      StringBuilder text = new StringBuilder();
      format(record, text);
      synchronized (this) {
        out.print(text);
        out.flush();
      }
      return;
    }
    backlog.incrementAndGet();
    waiting.add(record);
  }

  private void format(Object record, StringBuilder text) {
    if (record instanceof GatewayEvent event) {
      format.append(event, text);
    } else {
      format.append((LogRecord) record, text);
    }
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
    reopenIfRotated();
    StringBuilder text = new StringBuilder();
    for (Object record = waiting.poll(); record != null; record = waiting.poll()) {
      backlog.decrementAndGet();
      format(record, text);
    }
    if (text.length() == 0) {
      return false;
    }
    out.print(text);
    out.flush();
    return true;
  }

  private void reopenIfRotated() {
    if (file.isEmpty() || System.nanoTime() - checkedAt < ROTATION_CHECK) {
      return;
    }
    checkedAt = System.nanoTime();
    Object now = identity(file.get());
    if (now == null || !now.equals(openedFile)) {
      try {
        PrintStream reopened = append(file.get());
        out.close();
        out = reopened;
        openedFile = identity(file.get());
      } catch (UncheckedIOException e) {
        // Keep writing where we were: a log written to a renamed file beats one lost.
      }
    }
  }

  /** Writes what is waiting now. */
  public void flush() {
    writeWaiting();
  }

  /** Writes what is left and stops the writer; a stream that is not a file is left open. */
  @Override
  public void close() {
    open = false;
    LockSupport.unpark(writer);
    try {
      writer.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writeWaiting();
    synchronized (this) {
      if (file.isPresent()) {
        out.close();
      } else {
        out.flush();
      }
    }
  }

  /** Log records that are not events, at INFO and above, into the same log. */
  private final class Records extends Handler {

    Records() {
      setLevel(Level.INFO);
    }

    @Override
    public void publish(LogRecord record) {
      if (isLoggable(record)) {
        hand(record);
      }
    }

    @Override
    public void flush() {
      MailLog.this.flush();
    }

    @Override
    public void close() {
      MailLog.this.flush();
    }
  }
}
