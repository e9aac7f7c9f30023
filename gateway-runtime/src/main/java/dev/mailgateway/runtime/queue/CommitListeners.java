package dev.mailgateway.runtime.queue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The listeners of a spool's commits, told on the committing thread. */
final class CommitListeners {

  private final List<Consumer<QueueEntry>> listeners = new CopyOnWriteArrayList<>();

  void add(Consumer<QueueEntry> listener) {
    listeners.add(listener);
  }

  void committed(QueueEntry entry) {
    listeners.forEach(listener -> listener.accept(entry));
  }
}
