package dev.mailgateway.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A rendered configuration: files by relative path, complete in memory before anything is
 * written, so that invalid input never leaves a half-written folder.
 */
public final class ConfigTree {

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> PUBLIC =
      PosixFilePermissions.fromString("rw-r--r--");

  private final Map<String, ConfigFile> files;

  private ConfigTree(Map<String, ConfigFile> files) {
    this.files = files;
  }

  /** A tree of these files; a path given twice is an error. */
  public static ConfigTree of(Collection<ConfigFile> files) {
    Map<String, ConfigFile> byPath = new LinkedHashMap<>();
    for (ConfigFile file : files) {
      if (byPath.put(file.path(), file) != null) {
        throw new IllegalArgumentException("two files at " + file.path());
      }
    }
    return new ConfigTree(byPath);
  }

  /** Every file, in the order rendered. */
  public List<ConfigFile> files() {
    return List.copyOf(files.values());
  }

  /** The file at a relative path. */
  public Optional<ConfigFile> file(String path) {
    return Optional.ofNullable(files.get(path));
  }

  /** The text of the file at a relative path; it must exist. */
  public String text(String path) {
    return file(path).orElseThrow(() -> new IllegalArgumentException("no file " + path)).text();
  }

  /** This tree and another one's files, which must not collide. */
  public ConfigTree with(ConfigTree other) {
    List<ConfigFile> all = new ArrayList<>(files.values());
    all.addAll(other.files.values());
    return of(all);
  }

  /**
   * Writes the tree below a folder. Every file is first written complete to a temporary folder
   * beside the target and then moved into place by an atomic rename, so that a reader (or a
   * running daemon) sees either the old file or the new one, never a part. When the target does
   * not exist yet, the whole tree appears at once. Files already in the target that the tree
   * does not name are left alone: an instance root keeps its queue. Secrets are owner-only
   * before they get their name.
   *
   * @return the paths written
   */
  public List<Path> writeTo(Path target) {
    Path absolute = target.toAbsolutePath().normalize();
    checkWritable(absolute);
    try {
      Files.createDirectories(absolute.getParent());
      Path staging =
          Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + ".");
      // A temporary folder is owner-only; the tree's root, when it becomes one, must be readable.
      Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
      try {
        for (ConfigFile file : files.values()) {
          Path path = staging.resolve(file.path());
          Files.createDirectories(path.getParent());
          Files.createFile(path,
              PosixFilePermissions.asFileAttribute(file.secret() ? OWNER_ONLY : PUBLIC));
          Files.setPosixFilePermissions(path, file.secret() ? OWNER_ONLY : PUBLIC);
          Files.write(path, file.content());
        }
        if (Files.notExists(absolute)) {
          try {
            Files.move(staging, absolute, StandardCopyOption.ATOMIC_MOVE);
            return paths(absolute);
          } catch (FileAlreadyExistsException raced) {
            // Another writer created the target meanwhile: merge file by file below.
          }
        }
        for (ConfigFile file : files.values()) {
          Path destination = absolute.resolve(file.path());
          Files.createDirectories(destination.getParent());
          move(staging.resolve(file.path()), destination);
        }
        return paths(absolute);
      } finally {
        deleteRecursively(staging);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the configuration to " + absolute, e);
    }
  }

  /**
   * Checks, before anything is written, that no file stands where the tree needs a folder and no
   * folder where it puts a file: otherwise the files moved in before the blocked one would stay,
   * half a configuration.
   *
   * @throws UncheckedIOException naming every blocked path
   */
  public void checkWritable(Path target) {
    Path absolute = target.toAbsolutePath().normalize();
    List<String> blocked = new java.util.ArrayList<>();
    for (Path up = absolute; up != null; up = up.getParent()) {
      if (Files.exists(up) && !Files.isDirectory(up)) {
        blocked.add(up + " is a file, not a folder");
      }
    }
    if (blocked.isEmpty()) {
      for (String relative : files.keySet()) {
        Path destination = absolute.resolve(relative);
        if (Files.isDirectory(destination)) {
          blocked.add(destination + " is a folder where " + relative + " goes");
        }
        for (Path up = destination.getParent(); !up.equals(absolute); up = up.getParent()) {
          if (Files.exists(up) && !Files.isDirectory(up)) {
            blocked.add(up + " is a file where the folder of " + relative + " goes");
          }
        }
      }
    }
    if (!blocked.isEmpty()) {
      throw new UncheckedIOException("cannot write the configuration to " + absolute,
          new java.nio.file.FileSystemException(absolute.toString(), null,
              "nothing was written: " + String.join("; ", new java.util.TreeSet<>(blocked))));
    }
  }

  private List<Path> paths(Path root) {
    return files.keySet().stream().map(root::resolve).toList();
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (Files.notExists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
