package dev.mailgateway.runtime.queue;

import java.nio.file.Path;

/**
 * Where a queued message's bytes lie: a range of a file. The SMTP client reads them in place
 * rather than loading them.
 *
 * @param file the file
 * @param offset where the message's first header line starts
 * @param end where the message ends, or -1 when it runs to the end of the file; a reused queue
 *     file may hold older bytes after it
 */
public record QueuedContent(Path file, long offset, long end) {

  /** A message that runs from the offset to the end of the file. */
  public QueuedContent(Path file, long offset) {
    this(file, offset, -1);
  }
}
