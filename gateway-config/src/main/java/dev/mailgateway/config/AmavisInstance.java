package dev.mailgateway.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private, real amavisd running the Amavis files rendered for an instance (see {@link
 * RenderLayout#instance}): Debian's {@code conf.d} files with the rendered ones in place of
 * theirs, in file-name order as Debian reads them, then the instance's own, then any the caller
 * adds (its clamd socket, say). amavisd starts as root and drops to the {@code amavis} user, so
 * this needs root. Stopped by its own process.
 */
public final class AmavisInstance implements AutoCloseable {

  private static final Path PACKAGE_CONF = Path.of("/usr/share/amavis/conf.d");
  private static final Path SITE_CONF = Path.of("/etc/amavis/conf.d");
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path root;
  private final int port;

  private AmavisInstance(Process process, Path root, int port) {
    this.process = process;
    this.root = root;
    this.port = port;
  }

  /**
   * Starts amavisd for the instance rendered below {@code root} and returns once it greets on
   * its port.
   *
   * @param layout the instance layout the files were rendered for
   * @param extra more configuration files, read last
   * @throws IllegalStateException when amavisd does not start, with what it said
   */
  public static AmavisInstance start(RenderLayout layout, List<Path> extra) {
    Path root = layout.instanceRoot().orElseThrow(() ->
        new IllegalArgumentException("a private amavisd needs an instance layout"));
    List<String> command = new ArrayList<>(List.of("amavisd"));
    for (Path file : configFiles(layout.amavisDirectory(), extra)) {
      command.add("-c");
      command.add(file.toString());
    }
    command.add("foreground");
    try {
      prepare(root);
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(root.resolve("log/amavisd.out").toFile()).start();
      AmavisInstance instance = new AmavisInstance(process, root, layout.contentFilterPort());
      instance.awaitGreeting();
      return instance;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start amavisd: " + e.getMessage(), e);
    }
  }

  /**
   * The files in Debian's order: the package's defaults first, then the site's {@code conf.d}
   * by name, the rendered ones taking the place of the site's of the same name (the package's
   * {@code 20-package} switches the checks off, and the site's files switch them back on).
   */
  static List<Path> configFiles(Path rendered, List<Path> extra) {
    List<Path> files = new ArrayList<>(list(PACKAGE_CONF));
    Map<String, Path> site = new TreeMap<>();
    list(SITE_CONF).forEach(f -> site.put(f.getFileName().toString(), f));
    list(rendered).forEach(f -> site.put(f.getFileName().toString(), f));
    files.addAll(site.values());
    files.addAll(extra);
    return files;
  }

  private static List<Path> list(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void prepare(Path root) throws IOException {
    Path home = root.resolve("amavis/home");
    UserPrincipal amavis = root.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName("amavis");
    for (Path folder : List.of(home, home.resolve("tmp"), home.resolve("db"), home.resolve("var"))) {
      Files.createDirectories(folder);
      Files.setOwner(folder, amavis);
    }
    Path log = Files.createDirectories(root.resolve("log"));
    Files.setOwner(log, amavis);
  }

  private void awaitGreeting() throws IOException {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("amavisd ended at its start:\n" + log());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        socket.setSoTimeout(5000);
        String greeting = new BufferedReader(new InputStreamReader(socket.getInputStream(),
            StandardCharsets.US_ASCII)).readLine();
        if (greeting != null && greeting.startsWith("220")) {
          return;
        }
      } catch (IOException notYet) {
        // Still loading SpamAssassin's rules.
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    close();
    throw new IllegalStateException("amavisd did not greet on 127.0.0.1:" + port + " within "
        + READY_TIMEOUT.toSeconds() + " s\n" + log());
  }

  /** The port amavisd listens on. */
  public int port() {
    return port;
  }

  /** What amavisd said and logged so far. */
  public String log() {
    StringBuilder text = new StringBuilder();
    for (String name : List.of("log/amavisd.out", "log/amavis.log")) {
      Path file = root.resolve(name);
      try {
        if (Files.exists(file)) {
          text.append(Files.readString(file, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        text.append("(").append(name).append(" unreadable: ").append(e.getMessage()).append(")\n");
      }
    }
    return text.toString();
  }

  /** Stops the amavisd this instance started (its children end with it). */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
  }
}
