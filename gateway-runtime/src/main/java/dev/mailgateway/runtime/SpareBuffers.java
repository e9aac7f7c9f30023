package dev.mailgateway.runtime;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Byte arrays of one size, lent for the handling of one message and given back after it, so that
 * messages do not each allocate and zero their buffers: at 2,000 messages a second, a 64 KB
 * buffer a message for the draft and the SMTP client's read buffers were half of all the gateway
 * allocated, and most of its young collections. At most {@code kept} arrays wait for the next
 * message; a loan beyond them is a new array, dropped when it comes back.
 */
public final class SpareBuffers {

  private final int size;
  private final ArrayBlockingQueue<byte[]> spare;

  /** Arrays of {@code size} bytes, at most {@code kept} of them waiting. */
  public SpareBuffers(int size, int kept) {
    this.size = size;
    this.spare = new ArrayBlockingQueue<>(kept);
  }

  /** The size of the arrays lent. */
  public int size() {
    return size;
  }

  /** An array of {@link #size()} bytes; its contents are whatever the last borrower left. */
  public byte[] lend() {
    byte[] array = spare.poll();
    return array != null ? array : new byte[size];
  }

  /** Takes an array back; the borrower must not touch it afterwards. */
  public void giveBack(byte[] array) {
    if (array.length == size) {
      spare.offer(array);
    }
  }
}
