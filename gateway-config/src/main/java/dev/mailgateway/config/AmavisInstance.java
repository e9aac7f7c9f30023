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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

  private final DaemonProcess daemon;
  private final Path root;
  private final int port;

  private AmavisInstance(DaemonProcess daemon, Path root, int port) {
    this.daemon = daemon;
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
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the amavisd instance below " + root
          + " (it needs root and the 'amavis' user): " + e.getMessage(), e);
    }
    int port = layout.contentFilterPort();
    DaemonProcess daemon = DaemonProcess.start(command, root.resolve("log/amavisd.out"),
        READY_TIMEOUT, () -> greets(port));
    return new AmavisInstance(daemon, root, port);
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

  private static boolean greets(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      socket.setSoTimeout(5000);
      String greeting = new BufferedReader(new InputStreamReader(socket.getInputStream(),
          StandardCharsets.US_ASCII)).readLine();
      return greeting != null && greeting.startsWith("220");
    }
  }

  /** The port amavisd listens on. */
  public int port() {
    return port;
  }

  /** What amavisd said and logged so far. */
  public String log() {
    Path file = root.resolve("log/amavis.log");
    try {
      return daemon.output() + (Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "");
    } catch (IOException e) {
      return daemon.output() + "(amavis.log unreadable: " + e.getMessage() + ")";
    }
  }

  /** Stops the amavisd this instance started (its children end with it). */
  @Override
  public void close() {
    daemon.close();
  }
}
