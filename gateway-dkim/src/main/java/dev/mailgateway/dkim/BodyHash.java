package dev.mailgateway.dkim;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.OptionalLong;

/**
 * The SHA-256 of a canonicalized body, computed as the body is written, so a large message is
 * never held whole; counts the canonical length to check a body length tag ({@code l=}).
 */
final class BodyHash extends OutputStream {

  private final MessageDigest digest;
  private final OptionalLong limit;
  private long length;

  BodyHash(OptionalLong limit) {
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    this.limit = limit;
  }

  @Override
  public void write(int b) {
    if (limit.isEmpty() || length < limit.getAsLong()) {
      digest.update((byte) b);
    }
    length++;
  }

  @Override
  public void write(byte[] bytes, int offset, int count) {
    int hashed = limit.isEmpty() ? count
        : (int) Math.max(0, Math.min(count, limit.getAsLong() - length));
    digest.update(bytes, offset, hashed);
    length += count;
  }

  /** The canonical body's length, all of it, also beyond the limit. */
  long length() {
    return length;
  }

  byte[] digest() {
    return digest.digest();
  }
}
