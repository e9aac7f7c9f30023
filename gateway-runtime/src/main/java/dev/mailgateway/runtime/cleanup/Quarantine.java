package dev.mailgateway.runtime.cleanup;

import dev.mailgateway.runtime.receive.Envelope;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Collectors;

/**
 * The quarantine folder: a copy of each quarantined message, one file per message named like
 * Amavis's {@code local:virus-%m} ({@code virus-<queue id>}, {@code spam-<queue id>}), with the
 * envelope in {@code X-Envelope-From}/{@code X-Envelope-To} headers in front so that it can be
 * released to its recipients. Files are owner-only: they hold other people's mail and malware.
 * A copy is on disk (fsynced) before the message is acknowledged, so nothing is lost.
 */
final class Quarantine {

  private final Path folder;

  Quarantine(Path folder) {
    this.folder = folder;
  }

  /** Keeps a copy of the message and returns the file. */
  Path keep(String category, String id, Envelope envelope, InputStream content) throws IOException {
    if (!Files.isDirectory(folder)) {
      Files.createDirectories(folder);
      setOwnerOnly(folder, "rwx------");
    }
    Path target = folder.resolve(category + "-" + id);
    Path partial = folder.resolve("." + category + "-" + id + ".partial");
    String head = "X-Envelope-From: " + envelope.senderPath() + "\r\n"
        + "X-Envelope-To: " + envelope.recipients().stream().map(r -> "<" + r + ">")
            .collect(Collectors.joining(",\r\n ")) + "\r\n"
        + "X-Quarantine-ID: <" + id + ">\r\n";
    try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      setOwnerOnly(partial, "rw-------");
      OutputStream out = java.nio.channels.Channels.newOutputStream(channel);
      out.write(head.getBytes(StandardCharsets.UTF_8));
      content.transferTo(out);
      out.flush();
      channel.force(true);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("a quarantine file is being written already: " + partial, e);
    }
    try {
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(partial, target);
    }
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException ignored) {
      // Some file systems cannot sync a directory; the file itself is synced.
    }
    return target;
  }

  private static void setOwnerOnly(Path path, String permissions) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    } catch (UnsupportedOperationException notPosix) {
      // Not a POSIX file system: its default permissions apply.
    }
  }
}
