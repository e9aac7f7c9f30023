package dev.mailgateway.runtime;

import java.util.concurrent.ThreadFactory;

/**
 * Makes the gateway's background threads: daemons, so that an application or a test that does
 * not close its gateway still exits, and named, so that a thread dump says which stage each is.
 */
public final class DaemonThreads implements ThreadFactory {

  private final String name;

  /** Threads called {@code name} (as {@code jstack} lists them). */
  public DaemonThreads(String name) {
    this.name = name;
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }
}
