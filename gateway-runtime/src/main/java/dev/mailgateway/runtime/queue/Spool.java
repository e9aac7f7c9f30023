package dev.mailgateway.runtime.queue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/** Where queued messages live between receiving and delivering: on disk, or in memory for tests. */
public interface Spool extends AutoCloseable {

  /** A message being written. */
  interface Draft extends AutoCloseable {
    /** The received content. */
    OutputStream content();

    /** The content written so far, to read back for cleanup (header checks, signing). */
    InputStream written() throws IOException;

    /**
     * Queues the message durably: the header lines are put before the content; when this
     * returns, the message survives a crash.
     */
    default void commit(QueueEntry entry, String headerLines) throws IOException {
      commit(entry, headerLines, 0);
    }

    /**
     * Queues the message durably with its first {@code skip} bytes replaced by the header lines:
     * how a rewritten header block takes the place of the received one.
     */
    void commit(QueueEntry entry, String headerLines, long skip) throws IOException;

    /** Forgets the draft unless it was committed. */
    @Override
    void close() throws IOException;
  }

  /**
   * Tells a listener of every message committed from now on, on the committing thread, so that
   * the queue manager learns of new mail without scanning the queue.
   */
  void listen(java.util.function.Consumer<QueueEntry> committed);

  /** A new queue id: unique, and sortable by time like Postfix's long ids. */
  String newId();

  /** Starts a message. */
  Draft begin() throws IOException;

  /** Every queued message, oldest first. */
  List<QueueEntry> entries() throws IOException;

  /** One queued message's entry; empty when no message has the id. */
  Optional<QueueEntry> entry(String id) throws IOException;

  /** A queued message's content, header lines included. */
  InputStream open(String id) throws IOException;

  /** Where the content lies, for clients that read it in place; may copy. */
  QueuedContent content(String id) throws IOException;

  /** Replaces a message's delivery state durably. */
  void update(QueueEntry entry) throws IOException;

  /** Removes a delivered (or bounced) message. */
  void remove(String id) throws IOException;

  /** A queued message's size in bytes, header lines included. */
  long size(String id) throws IOException;

  /** Lets the spool go: another gateway or a queue command may use it then. */
  @Override
  default void close() {}
}
