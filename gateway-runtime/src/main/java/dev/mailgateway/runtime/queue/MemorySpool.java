package dev.mailgateway.runtime.queue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A queue in memory, for tests: fast, and gone with the process. */
public final class MemorySpool implements Spool {

  private final QueueIds ids;
  private final Map<String, QueueEntry> entries = new ConcurrentHashMap<>();
  private final Map<String, byte[]> contents = new ConcurrentHashMap<>();

  /** An empty queue. */
  public MemorySpool(Clock clock) {
    this.ids = new QueueIds(clock);
  }

  private final CommitListeners listeners = new CommitListeners();

  @Override
  public void listen(java.util.function.Consumer<QueueEntry> committed) {
    listeners.add(committed);
  }

  @Override
  public String newId() {
    return ids.next();
  }

  @Override
  public Draft begin() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    return new Draft() {
      @Override
      public OutputStream content() {
        return out;
      }

      @Override
      public InputStream written() {
        return new ByteArrayInputStream(out.toByteArray());
      }

      @Override
      public void commit(QueueEntry entry, String headerLines, long skip) throws IOException {
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.write(headerLines.getBytes(StandardCharsets.ISO_8859_1));
        byte[] received = out.toByteArray();
        whole.write(received, (int) skip, received.length - (int) skip);
        contents.put(entry.id(), whole.toByteArray());
        entries.put(entry.id(), entry);
        listeners.committed(entry);
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public List<QueueEntry> entries() {
    List<QueueEntry> all = new ArrayList<>(entries.values());
    all.sort(QueueEntry.BY_ARRIVAL);
    return all;
  }

  @Override
  public Optional<QueueEntry> entry(String id) {
    return Optional.ofNullable(entries.get(id));
  }

  @Override
  public InputStream open(String id) throws IOException {
    return new ByteArrayInputStream(bytes(id));
  }

  private byte[] bytes(String id) throws IOException {
    byte[] content = contents.get(id);
    if (content == null) {
      throw new java.nio.file.NoSuchFileException(id, null, "no message with this queue id");
    }
    return content;
  }

  @Override
  public long size(String id) throws IOException {
    return bytes(id).length;
  }

  @Override
  public QueuedContent content(String id) throws IOException {
    Path file = Files.createTempFile("gateway-" + id, ".msg");
    file.toFile().deleteOnExit();
    Files.write(file, bytes(id));
    return new QueuedContent(file, 0);
  }

  @Override
  public void update(QueueEntry entry) {
    entries.put(entry.id(), entry);
  }

  @Override
  public void remove(String id) {
    entries.remove(id);
    contents.remove(id);
  }
}
