package dev.mailgateway.runtime.queue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A queue on disk. A message is {@code queue/<id>.msg} (header lines and content) and {@code
 * queue/<id>.env} (envelope and state); the envelope's atomic rename is the commit, made only
 * after both files and the folder are fsynced. A crash at any point leaves either a committed
 * message or debris that the next start removes; never half a message.
 */
public final class FileSpool implements Spool {

  private final Path drafts;
  private final Path queue;
  private final QueueIds ids;

  private FileSpool(Path root, Clock clock) {
    this.drafts = root.resolve("tmp");
    this.queue = root.resolve("queue");
    this.ids = new QueueIds(clock);
  }

  /**
   * Opens (or creates) a spool folder and clears what an earlier crash left uncommitted.
   *
   * @throws UncheckedIOException when the folder cannot be used
   */
  public static FileSpool open(Path root, Clock clock) {
    FileSpool spool = new FileSpool(root.toAbsolutePath(), clock);
    try {
      Files.createDirectories(spool.drafts);
      Files.createDirectories(spool.queue);
      spool.recover();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the spool " + root, e);
    }
    return spool;
  }

  private void recover() throws IOException {
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(drafts)) {
      for (Path file : leftovers) {
        Files.deleteIfExists(file);
      }
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(queue)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        boolean orphan = name.endsWith(".msg")
            && !Files.exists(queue.resolve(name.replace(".msg", ".env")));
        if (name.endsWith(".tmp") || orphan) {
          Files.deleteIfExists(file);
        }
      }
    }
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
  public Draft begin() throws IOException {
    Path data = Files.createTempFile(drafts, "draft-", ".data");
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(data), 64 * 1024);
    return new Draft() {
      private boolean committed;

      @Override
      public OutputStream content() {
        return out;
      }

      @Override
      public InputStream written() throws IOException {
        out.flush();
        // Buffered: cleanup reads the header block a byte at a time.
        return new java.io.BufferedInputStream(Files.newInputStream(data), 64 * 1024);
      }

      @Override
      public void commit(QueueEntry entry, String headerLines, long skip) throws IOException {
        out.close();
        Path message = queue.resolve(entry.id() + ".msg");
        Path temporary = queue.resolve(entry.id() + ".msg.tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE); OutputStream target = java.nio.channels.Channels.newOutputStream(channel)) {
          target.write(headerLines.getBytes(StandardCharsets.ISO_8859_1));
          try (InputStream received = Files.newInputStream(data)) {
            received.skipNBytes(skip);
            received.transferTo(target);
          }
          target.flush();
          channel.force(true);
        }
        Files.move(temporary, message, StandardCopyOption.ATOMIC_MOVE);
        writeEnvelope(entry);
        committed = true;
        Files.deleteIfExists(data);
        listeners.committed(entry);
      }

      @Override
      public void close() throws IOException {
        out.close();
        if (!committed) {
          Files.deleteIfExists(data);
        }
      }
    };
  }

  private void writeEnvelope(QueueEntry entry) throws IOException {
    // A temporary file of its own for each write: two writers never interleave in one file.
    Path temporary = Files.createTempFile(queue, entry.id() + ".env.", ".tmp");
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap(EnvelopeFile.write(entry).getBytes(StandardCharsets.UTF_8)));
      channel.force(true);
    }
    Files.move(temporary, queue.resolve(entry.id() + ".env"), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel folder = FileChannel.open(queue, StandardOpenOption.READ)) {
      folder.force(true);
    }
  }

  @Override
  public List<QueueEntry> entries() throws IOException {
    List<QueueEntry> entries = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(queue, "*.env")) {
      for (Path file : files) {
        try {
          entries.add(EnvelopeFile.read(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (java.nio.file.NoSuchFileException removedMeanwhile) {
          // Delivered between the listing and the read.
        }
      }
    }
    entries.sort(Comparator.comparing(QueueEntry::received).thenComparing(QueueEntry::id));
    return entries;
  }

  @Override
  public InputStream open(String id) throws IOException {
    return Files.newInputStream(contentFile(id));
  }

  @Override
  public Path contentFile(String id) {
    return queue.resolve(id + ".msg");
  }

  @Override
  public void update(QueueEntry entry) throws IOException {
    writeEnvelope(entry);
  }

  @Override
  public void remove(String id) throws IOException {
    Files.deleteIfExists(queue.resolve(id + ".env"));
    Files.deleteIfExists(queue.resolve(id + ".msg"));
  }
}
