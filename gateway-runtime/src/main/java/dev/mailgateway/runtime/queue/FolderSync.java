package dev.mailgateway.runtime.queue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The fsync of a folder after renames into it, shared by the committers that ask at the same
 * time: one sync covers every rename made before it started, so twenty sessions committing
 * together wait for one or two syncs, not twenty in a row (a group commit).
 */
final class FolderSync {

  private final Path folder;
  private long requested;
  private long synced;
  private boolean syncing;

  FolderSync(Path folder) {
    this.folder = folder;
  }

  /** Returns once the folder was synced after the caller's rename (made before this call). */
  void afterRename() throws IOException {
    long covers;
    synchronized (this) {
      long mine = ++requested;
      while (true) {
        if (synced >= mine) {
          return;
        }
        if (!syncing) {
          syncing = true;
          covers = requested;
          break;
        }
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while the queue folder was synced", e);
        }
      }
    }
    boolean done = false;
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
      done = true;
    } finally {
      synchronized (this) {
        if (done) {
          synced = Math.max(synced, covers);
        }
        syncing = false;
        notifyAll();
      }
    }
  }
}
