package dev.mailgateway.config;

import dev.mailgateway.api.GatewayPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A private, real Postfix running a policy on a loopback address, everything below one folder,
 * beside any system Postfix and without touching {@code /etc/postfix}: what tests use to see the
 * real daemon enforce a rendered policy. Postfix's master runs as root, so this needs root.
 *
 * <pre>{@code
 * try (PostfixInstance postfix = PostfixInstance.start(policy, tempDir)) {
 *   // speak SMTP to postfix.host():postfix.port()
 * }
 * }</pre>
 */
public final class PostfixInstance implements AutoCloseable {

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final Path root;
  private final String host;
  private final int port;
  private boolean running = true;

  private PostfixInstance(Path root, String host, int port) {
    this.root = root;
    this.host = host;
    this.port = port;
  }

  /** Starts an instance on 127.0.0.1 and a free port. */
  public static PostfixInstance start(GatewayPolicy policy, Path root) {
    return start(policy, root, "127.0.0.1", freePort());
  }

  /**
   * Renders the policy for an instance below {@code root}, starts Postfix on {@code host:port}
   * and returns once it accepts connections.
   *
   * @throws IllegalStateException when Postfix does not start, with what it logged
   */
  public static PostfixInstance start(GatewayPolicy policy, Path root, String host, int port) {
    return start(policy, RenderLayout.instance(root, host, port));
  }

  /**
   * Renders the policy for an instance layout (its own Amavis or milter ports, say), starts
   * Postfix and returns once it accepts connections.
   *
   * @throws IllegalArgumentException when the layout is not an instance's
   */
  public static PostfixInstance start(GatewayPolicy policy, RenderLayout layout) {
    Path absolute = layout.instanceRoot().orElseThrow(() ->
        new IllegalArgumentException("a private Postfix needs an instance layout"));
    String host = layout.listenHost().orElseThrow();
    int port = Integer.parseInt(layout.smtpService().substring(layout.smtpService().lastIndexOf(':') + 1));
    GatewayRenderer.forLayout(layout).render(policy).writeTo(absolute);
    prepareFolders(absolute);
    PostfixInstance instance = new PostfixInstance(absolute, host, port);
    ProgramRun run = instance.postfix("start");
    if (!run.succeeded()) {
      // Seen twice in a full test run on a busy machine, with no reason in the log (a port taken
      // meanwhile says so): one more try before giving up.
      instance.postfix("stop");
      sleep(Duration.ofSeconds(1));
      ProgramRun again = instance.postfix("start");
      if (!again.succeeded()) {
        throw new IllegalStateException("postfix did not start, twice (exit " + again.exitCode()
            + "): " + run.output() + again.output() + "\n" + instance.log());
      }
    }
    instance.awaitListening();
    return instance;
  }

  /**
   * Makes the folders a rendered instance below {@code root} needs before {@code postfix -c
   * root/postfix start}: {@code queue/}, {@code log/} and {@code data/}, the last owned by the
   * {@code postfix} user. Needs root.
   *
   * @throws UncheckedIOException when they cannot be made, with what a private Postfix needs
   * @throws IllegalStateException when a folder above {@code root} keeps the {@code postfix} user
   *     out, which Postfix reports only as "master.lock: permission denied"
   */
  public static void prepareFolders(Path root) {
    Path absolute = root.toAbsolutePath().normalize();
    for (Path above = absolute.getParent(); above != null; above = above.getParent()) {
      try {
        if (!Files.getPosixFilePermissions(above).contains(PosixFilePermission.OTHERS_EXECUTE)) {
          throw new IllegalStateException(above + " is closed to other users (" + PosixFilePermissions
              .toString(Files.getPosixFilePermissions(above)) + "): Postfix's daemons run as the"
              + " postfix user and must pass through it to reach " + absolute + " (chmod o+x " + above + ")");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the permissions of " + above + ": " + e.getMessage(), e);
      }
    }
    try {
      // Postfix's daemons run as the postfix user and must reach data/ below the root.
      Files.createDirectories(absolute);
      Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.createDirectories(absolute.resolve("queue"));
      Files.createDirectories(absolute.resolve("log"));
      Path data = Files.createDirectories(absolute.resolve("data"));
      UserPrincipal postfix = absolute.getFileSystem().getUserPrincipalLookupService()
          .lookupPrincipalByName("postfix");
      Files.setOwner(data, postfix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the Postfix instance below " + absolute
          + " (a private Postfix needs root and the 'postfix' user): " + e.getMessage(), e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  private ProgramRun postfix(String command) {
    return ProgramRun.of(List.of("postfix", "-c", configDirectory().toString(), command),
        COMMAND_TIMEOUT);
  }

  private void awaitListening() {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), 1000);
        return;
      } catch (IOException notYet) {
        sleep(Duration.ofMillis(50));
      }
    }
    close();
    throw new IllegalStateException("postfix did not listen on " + host + ":" + port + " within "
        + READY_TIMEOUT.toSeconds() + " s\n" + log());
  }

  /** The listen address. */
  public String host() {
    return host;
  }

  /** The listen port. */
  public int port() {
    return port;
  }

  /** The folder that holds the instance. */
  public Path root() {
    return root;
  }

  /** Postfix's {@code config_directory}: pass it to {@code postconf -c}, {@code postqueue -c}. */
  public Path configDirectory() {
    return root.resolve("postfix");
  }

  /** What Postfix logged so far ({@code maillog_file}). */
  public String log() {
    Path file = root.resolve("log/postfix.log");
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /** Stops this instance's master process (found by its own pid file) and waits for it to end. */
  @Override
  public void close() {
    if (!running) {
      return;
    }
    running = false;
    Optional<ProcessHandle> master = masterProcess();
    ProgramRun run = postfix("stop");
    if (!run.succeeded()) {
      throw new IllegalStateException("postfix stop failed: " + run.output());
    }
    master.ifPresent(process -> {
      Instant deadline = Instant.now().plus(READY_TIMEOUT);
      while (process.isAlive() && Instant.now().isBefore(deadline)) {
        sleep(Duration.ofMillis(50));
      }
    });
  }

  private Optional<ProcessHandle> masterProcess() {
    Path pidFile = root.resolve("queue/pid/master.pid");
    try {
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      return ProcessHandle.of(pid);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
