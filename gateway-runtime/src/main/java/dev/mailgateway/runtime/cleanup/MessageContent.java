package dev.mailgateway.runtime.cleanup;

import java.io.IOException;
import java.io.InputStream;

/**
 * A received message as scanners see it: its size, known before it is read (spamd wants a
 * {@code Content-length} first), and its bytes, readable as often as there are scanners.
 */
public interface MessageContent {

  /** The size in bytes. */
  long size();

  /** The bytes, from the first header line; the caller closes the stream. */
  InputStream open() throws IOException;

  /** A message held in memory. */
  static MessageContent of(byte[] bytes) {
    byte[] copy = bytes.clone();
    return new MessageContent() {
      @Override
      public long size() {
        return copy.length;
      }

      @Override
      public InputStream open() {
        return new java.io.ByteArrayInputStream(copy);
      }
    };
  }
}
