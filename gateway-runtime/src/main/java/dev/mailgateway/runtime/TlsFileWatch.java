package dev.mailgateway.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Watches the TLS files a gateway serves from and tells when they change, so that a certificate
 * renewed on disk (by certbot, or a Kubernetes Secret) is picked up without a reload: the image
 * diffs its TLS folder in its health check and runs {@code postfix reload}. A file counts as
 * changed when its inode, size or modification time does; they are looked at every few seconds.
 */
final class TlsFileWatch implements AutoCloseable {

  /** How often the files are looked at: well within the minute a renewal may take to show. */
  static final long PERIOD_SECONDS = 5;

  private final Supplier<List<Path>> files;
  private final Consumer<List<Path>> changed;
  /** Started with the first file to watch: a gateway without TLS files runs no watch thread. */
  private Optional<ScheduledExecutorService> timer = Optional.empty();
  private boolean closed;
  private Map<Path, String> seen = new HashMap<>();

  TlsFileWatch(Supplier<List<Path>> files, Consumer<List<Path>> changed) {
    this.files = files;
    this.changed = changed;
    rememberNow();
  }

  /** Takes the files as they are now as the ones in use (after a load). */
  synchronized void rememberNow() {
    Map<Path, String> now = new HashMap<>();
    for (Path file : files.get()) {
      now.put(file, version(file));
    }
    seen = now;
    if (!now.isEmpty() && timer.isEmpty() && !closed) {
      ScheduledExecutorService started =
          Executors.newSingleThreadScheduledExecutor(new DaemonThreads("tls-file-watch"));
      started.scheduleWithFixedDelay(this::look, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
      timer = Optional.of(started);
    }
  }

  /** Whether a thread looks at files: only once there are some. */
  synchronized boolean watching() {
    return timer.isPresent() && !closed;
  }

  private void look() {
    List<Path> different = new ArrayList<>();
    synchronized (this) {
      for (Path file : files.get()) {
        if (!Objects.equals(seen.get(file), version(file))) {
          different.add(file);
        }
      }
    }
    if (!different.isEmpty()) {
      changed.accept(different);
      // Whether or not they loaded: tried again only when they change once more.
      synchronized (this) {
        different.forEach(file -> seen.put(file, version(file)));
      }
    }
  }

  private static String version(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return attributes.fileKey() + "/" + attributes.size() + "/" + attributes.lastModifiedTime();
    } catch (IOException e) {
      return "missing";
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (timer.isPresent()) {
      timer.get().shutdownNow();
    }
  }
}
