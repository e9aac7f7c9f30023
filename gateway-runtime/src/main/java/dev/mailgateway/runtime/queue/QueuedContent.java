package dev.mailgateway.runtime.queue;

import java.nio.file.Path;

/**
 * Where a queued message's bytes lie: a file, from an offset to its end. The SMTP client reads
 * them in place rather than loading them.
 *
 * @param file the file
 * @param offset where the message's first header line starts
 */
public record QueuedContent(Path file, long offset) {}
