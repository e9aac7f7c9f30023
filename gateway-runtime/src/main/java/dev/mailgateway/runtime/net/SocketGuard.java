package dev.mailgateway.runtime.net;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.Socket;

/**
 * The deadline of the one blocking operation a connection is in, if any. A read that outlasts it
 * has the socket's input shut, so that it returns and the owner can still say goodbye (Postfix's
 * {@code 421 ... timeout exceeded}); a write that outlasts it has the socket closed, since the
 * peer does not read anyway.
 */
final class SocketGuard {

  private static final long IDLE = Long.MAX_VALUE;
  private static final long EXPIRED = Long.MIN_VALUE;
  private static final VarHandle DEADLINE;

  static {
    try {
      DEADLINE = MethodHandles.lookup().findVarHandle(SocketGuard.class, "deadline", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Socket socket;
  private final long timeoutNanos;
  private volatile long deadline = IDLE;
  private volatile boolean writing;
  private volatile boolean readStalled;
  private volatile boolean writeStalled;
  private boolean watched;

  SocketGuard(Socket socket, long timeoutNanos) {
    this.socket = socket;
    this.timeoutNanos = timeoutNanos;
  }

  long timeoutNanos() {
    return timeoutNanos;
  }

  /** Starts the deadline of a read (or a write) that is about to block. */
  void arm(boolean write) {
    if (!watched) {
      watched = true;
      StallWatch.shared().watch(this);
    }
    writing = write;
    deadline = System.nanoTime() + timeoutNanos;
  }

  void disarm() {
    deadline = IDLE;
  }

  /** Whether a read or a write outlasted its deadline: nothing more can be read. */
  boolean readStalled() {
    return readStalled || writeStalled;
  }

  /** Whether a write outlasted its deadline: the socket was closed. */
  boolean writeStalled() {
    return writeStalled;
  }

  /** Stops watching: the socket is closed. */
  void release() {
    StallWatch.shared().release(this);
  }

  void expireIfDue(long now) {
    long due = deadline;
    if (due == IDLE || due == EXPIRED || now - due < 0
        || !DEADLINE.compareAndSet(this, due, EXPIRED)) {
      return;
    }
    try {
      if (writing) {
        writeStalled = true;
        socket.close();
      } else {
        readStalled = true;
        socket.shutdownInput();
      }
    } catch (java.io.IOException alreadyGone) {
      // The operation ends either way.
    }
  }
}
