package dev.mailgateway.runtime.queue;

import dev.mailgateway.runtime.SpareBuffers;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A queue on disk, one file per message as Postfix keeps it: {@code queue/<id>.q} holds the
 * envelope and the message ({@link QueueFile}); a later change of the envelope (a deferral) is
 * {@code queue/<id>.env}, which then takes the place of the one inside. A message is received
 * into a draft that already has room for its envelope and header lines; the commit writes them
 * there, fsyncs the draft, renames it into {@code queue/} and fsyncs the folder: one new file,
 * one copy of the bytes, before the client hears 250. A crash at any point leaves either a
 * committed message or a draft that the next start removes; never half a message.
 */
public final class FileSpool implements Spool {

  private final Path drafts;
  private final Path queue;
  private final QueueIds ids;
  private final FolderSync queueSync;
  private final CommitListeners listeners = new CommitListeners();
  /**
   * Queue files of delivered messages kept for the next drafts, not emptied: creating and
   * deleting a file for every message makes ext4 search its inode bitmap past the recently
   * deleted ones, and emptying a file and growing it again makes every fdatasync a journal
   * commit; overwritten in place, a file's fdatasync writes the data only.
   */
  private final ConcurrentLinkedDeque<Path> recycled = new ConcurrentLinkedDeque<>();
  private final AtomicLong recycledNames = new AtomicLong();
  private static final int RECYCLED_FILES = 256;

  /** The drafts' write buffers: one a session receiving a message, 64 KB (one write for most). */
  private final SpareBuffers draftBuffers = new SpareBuffers(64 * 1024, 32);
  private final AtomicInteger recycledCount = new AtomicInteger();
  /** Where each queued message lies, known from its commit: delivery need not read it again. */
  private final Map<String, QueuedContent> contents = new ConcurrentHashMap<>();
  /** The messages with a changed envelope ({@code <id>.env}) beside their queue file. */
  private final Set<String> changedEnvelopes = ConcurrentHashMap.newKeySet();

  /** Held while the spool is in use: one gateway or one queue command at a time. */
  private FileChannel lockFile;
  private java.nio.channels.FileLock lock;

  private FileSpool(Path root, Clock clock) {
    this.drafts = root.resolve("tmp");
    this.queue = root.resolve("queue");
    this.ids = new QueueIds(clock);
    this.queueSync = new FolderSync(queue);
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
      if (!spool.lock(root, LOCK_PATIENCE)) {
        throw new UncheckedIOException(new IOException("the spool " + root + " is in use by"
            + " another gateway or a queue command (waited " + LOCK_PATIENCE.toSeconds() + " s)"));
      }
      spool.recover();
    } catch (IOException e) {
      spool.close();
      throw new UncheckedIOException("cannot use the spool " + root + ": " + e.getMessage(), e);
    }
    return spool;
  }

  /** How long a gateway starting waits for a queue command to let the spool go. */
  private static final java.time.Duration LOCK_PATIENCE = java.time.Duration.ofSeconds(10);

  /**
   * Opens the spool of a gateway that is not running, for a queue command; empty when a gateway
   * (or another command) has it.
   *
   * @throws IOException when the folder is missing or is not a gateway's spool
   */
  public static Optional<FileSpool> openIdle(Path root, Clock clock) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new java.nio.file.NoSuchFileException(root.toString(), null, "no such spool folder");
    }
    if (!Files.isDirectory(root.resolve("queue"))) {
      throw new IOException(root + " is not a gateway's spool: it has no queue/ folder");
    }
    FileSpool spool = new FileSpool(root.toAbsolutePath(), clock);
    if (!spool.lock(root, java.time.Duration.ZERO)) {
      return Optional.empty();
    }
    try {
      Files.createDirectories(spool.drafts);
      spool.recover();
    } catch (IOException e) {
      spool.close();
      throw e;
    }
    return Optional.of(spool);
  }

  /** Takes the spool's lock, waiting up to a while; false when someone else keeps it. */
  private boolean lock(Path root, java.time.Duration patience) throws IOException {
    lockFile = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      try {
        lock = lockFile.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException heldInThisJvm) {
        lock = null;
      }
      if (lock != null) {
        return true;
      }
      if (System.nanoTime() >= deadline) {
        lockFile.close();
        lockFile = null;
        return false;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        lockFile.close();
        lockFile = null;
        return false;
      }
    }
  }

  @Override
  public void close() {
    try {
      if (lockFile != null) {
        lockFile.close();
      }
    } catch (IOException e) {
      // The lock goes with the process anyway.
    }
    lock = null;
    lockFile = null;
  }

  @Override
  public long size(String id) throws IOException {
    QueuedContent content = content(id);
    long end = content.end() >= 0 ? content.end() : Files.size(content.file());
    return end - content.offset();
  }

  /** Drafts, temporary envelopes, and envelopes whose message was removed (a crash in remove). */
  private void recover() throws IOException {
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(drafts)) {
      for (Path file : leftovers) {
        Files.deleteIfExists(file);
      }
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(queue)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        boolean orphan = name.endsWith(".env")
            && !Files.exists(queue.resolve(name.replace(".env", ".q")));
        if (name.endsWith(".tmp") || orphan) {
          Files.deleteIfExists(file);
        } else if (name.endsWith(".env")) {
          changedEnvelopes.add(name.substring(0, name.length() - ".env".length()));
        }
      }
    }
  }

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
    Path reused = recycled.pollFirst();
    if (reused != null) {
      recycledCount.decrementAndGet();
    }
    Path data = reused != null ? reused : Files.createTempFile(drafts, "draft-", ".q");
    FileChannel channel = FileChannel.open(data, StandardOpenOption.READ, StandardOpenOption.WRITE);
    PositionalOutput out = new PositionalOutput(channel, QueueFile.RESERVED, draftBuffers);
    return new Draft() {
      private boolean committed;

      @Override
      public OutputStream content() {
        return out;
      }

      @Override
      public InputStream written() throws IOException {
        out.flush();
        return FileRange.within(channel, QueueFile.RESERVED, out.position());
      }

      @Override
      public void commit(QueueEntry entry, String headerLines, long skip) throws IOException {
        out.finish();
        byte[] headers = headerLines.getBytes(StandardCharsets.ISO_8859_1);
        byte[] envelope = QueueFile.envelope(entry);
        long offset = QueueFile.RESERVED + skip - headers.length;
        long end = out.position();
        Path committedFile;
        if (offset >= QueueFile.headLength(envelope)) {
          channel.write(java.nio.ByteBuffer.wrap(QueueFile.head(envelope, offset, end)), 0);
          channel.write(java.nio.ByteBuffer.wrap(headers), offset);
          // fdatasync: the data and the size; the times need not survive a crash.
          channel.force(false);
          channel.close();
          committedFile = data;
        } else {
          offset = QueueFile.headLength(envelope);
          end = offset + headers.length + end - QueueFile.RESERVED - skip;
          committedFile = copyWithRoom(envelope, headers, skip, offset, end);
          channel.close();
        }
        Path queued = queue.resolve(entry.id() + ".q");
        Files.move(committedFile, queued, StandardCopyOption.ATOMIC_MOVE);
        queueSync.afterRename();
        committed = true;
        if (committedFile != data) {
          Files.deleteIfExists(data);
        }
        contents.put(entry.id(), new QueuedContent(queued, offset, end));
        listeners.committed(entry);
      }

      /** A new queue file for a message whose envelope and headers outgrow the room reserved. */
      private Path copyWithRoom(byte[] envelope, byte[] headers, long skip, long offset, long end)
          throws IOException {
        Path copy = Files.createTempFile(drafts, "large-", ".q");
        try (FileChannel target = FileChannel.open(copy, StandardOpenOption.WRITE);
            OutputStream to = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(target), 64 * 1024);
            InputStream received = written()) {
          to.write(QueueFile.head(envelope, offset, end));
          to.write(headers);
          received.skipNBytes(skip);
          received.transferTo(to);
          to.flush();
          target.force(true);
        }
        return copy;
      }

      @Override
      public void close() throws IOException {
        if (channel.isOpen()) {
          out.close();
        }
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
    queueSync.afterRename();
    changedEnvelopes.add(entry.id());
  }

  @Override
  public List<QueueEntry> entries() throws IOException {
    List<QueueEntry> entries = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(queue, "*.q")) {
      for (Path file : files) {
        String id = file.getFileName().toString().replace(".q", "");
        try {
          Path changed = queue.resolve(id + ".env");
          entries.add(changedEnvelopes.contains(id)
              ? EnvelopeFile.read(Files.readString(changed, StandardCharsets.UTF_8))
              : QueueFile.envelope(file));
        } catch (java.nio.file.NoSuchFileException removedMeanwhile) {
          // Delivered between the listing and the read.
        } catch (IOException | RuntimeException unreadable) {
          setAside(file, unreadable);
        }
      }
    }
    entries.sort(QueueEntry.BY_ARRIVAL);
    return entries;
  }

  @Override
  public Optional<QueueEntry> entry(String id) throws IOException {
    if (!QueueIds.looksLikeOne(id)) {
      return Optional.empty();
    }
    try {
      return Optional.of(changedEnvelopes.contains(id)
          ? EnvelopeFile.read(Files.readString(queue.resolve(id + ".env"), StandardCharsets.UTF_8))
          : QueueFile.envelope(queue.resolve(id + ".q")));
    } catch (java.nio.file.NoSuchFileException gone) {
      return Optional.empty();
    }
  }

  /**
   * Moves a queue file that cannot be read (damaged outside the gateway) to {@code corrupt/}, as
   * Postfix does, so that the rest of the queue is delivered and the file is kept for a look.
   */
  private void setAside(Path file, Exception why) throws IOException {
    Path corrupt = Files.createDirectories(queue.resolveSibling("corrupt"));
    Files.move(file, corrupt.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    System.getLogger("dev.mailgateway.runtime").log(System.Logger.Level.WARNING,
        "queue file " + file.getFileName() + " cannot be read and was moved to " + corrupt + ": "
            + why.getMessage());
  }

  @Override
  public InputStream open(String id) throws IOException {
    QueuedContent content = content(id);
    return FileRange.open(content.file(), content.offset(), content.end());
  }

  @Override
  public QueuedContent content(String id) throws IOException {
    QueuedContent known = contents.get(id);
    return known != null ? known : QueueFile.content(queue.resolve(id + ".q"));
  }

  @Override
  public void update(QueueEntry entry) throws IOException {
    writeEnvelope(entry);
  }

  /**
   * The message first: an envelope left by a crash in between is removed at the next start. The
   * message's file is kept for a later draft, up to a few hundred.
   */
  @Override
  public void remove(String id) throws IOException {
    contents.remove(id);
    Path message = queue.resolve(id + ".q");
    if (recycledCount.get() < RECYCLED_FILES) {
      // Out of the queue: a file in tmp/ is a draft, cleared at the next start.
      Path spare = drafts.resolve("spare-" + recycledNames.incrementAndGet() + ".q");
      try {
        Files.move(message, spare, StandardCopyOption.ATOMIC_MOVE);
        recycled.addLast(spare);
        recycledCount.incrementAndGet();
      } catch (java.nio.file.NoSuchFileException alreadyRemoved) {
        // Nothing to keep.
      }
    } else {
      Files.deleteIfExists(message);
    }
    if (changedEnvelopes.remove(id)) {
      Files.deleteIfExists(queue.resolve(id + ".env"));
    }
  }
}
