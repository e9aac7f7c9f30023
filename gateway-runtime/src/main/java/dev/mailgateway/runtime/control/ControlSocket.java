package dev.mailgateway.runtime.control;

import dev.mailgateway.api.MailQueue;
import dev.mailgateway.api.PolicyException;
import dev.mailgateway.api.QueuedMessage;
import dev.mailgateway.runtime.DaemonThreads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * A running gateway's control socket: {@code SPOOL/control/gateway.sock}, a Unix domain socket
 * in a folder only the gateway's user may enter, so that only that user (and root) steers it.
 *
 * <p>The protocol is a line of request, {@code VERB [ID...]} ({@code status} for the health
 * check's questions), answered with lines of payload
 * (dot-stuffed), then {@code .} on success or {@code !reason} on failure; {@code show}'s content
 * comes as {@code =LENGTH} and that many raw bytes before the {@code .}.
 */
public final class ControlSocket implements AutoCloseable {

  private final ServerSocketChannel server;
  private final Path socket;
  private final MailQueue queue;
  private final Supplier<List<String>> status;
  private final Supplier<List<String>> reload;
  private final Thread acceptor;
  private volatile boolean open = true;

  private ControlSocket(ServerSocketChannel server, Path socket, MailQueue queue,
      Supplier<List<String>> status, Supplier<List<String>> reload) {
    this.server = server;
    this.socket = socket;
    this.queue = queue;
    this.status = status;
    this.reload = reload;
    this.acceptor = new DaemonThreads("control-socket").newThread(this::serve);
  }

  /** Where a spool's control socket is. */
  public static Path socketOf(Path spool) {
    return spool.toAbsolutePath().resolve("control").resolve("gateway.sock");
  }

  /**
   * Listens on a spool's control socket, replacing one a crashed gateway left behind.
   *
   * @throws UncheckedIOException when it cannot
   */
  public static ControlSocket start(Path spool, MailQueue queue, Supplier<List<String>> status,
      Supplier<List<String>> reload) {
    Path socket = socketOf(spool);
    try {
      Path folder = Files.createDirectories(socket.getParent());
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
      // The spool's lock is ours: a socket file here is a dead gateway's.
      Files.deleteIfExists(socket);
      ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(socket));
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
      ControlSocket control = new ControlSocket(server, socket, queue, status, reload);
      control.acceptor.start();
      return control;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the control socket " + socket + ": "
          + e.getMessage(), e);
    }
  }

  private void serve() {
    while (open) {
      try (SocketChannel client = server.accept()) {
        answer(Channels.newInputStream(client), Channels.newOutputStream(client));
      } catch (IOException e) {
        if (!open) {
          return;
        }
        // One client's broken connection; the next is served.
      }
    }
  }

  private void answer(InputStream in, OutputStream out) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String request = reader.readLine();
    if (request == null) {
      return;
    }
    List<String> words = Arrays.asList(request.strip().split("\\s+"));
    String verb = words.get(0);
    List<String> ids = words.subList(1, words.size());
    StringBuilder reply = new StringBuilder();
    try {
      switch (verb) {
        case "list" -> {
          for (QueuedMessage message : queue.list()) {
            line(reply, PostqueueJson.write(message));
          }
        }
        case "show" -> {
          if (ids.size() != 1) {
            throw new IllegalArgumentException("show takes one queue id");
          }
          byte[] content;
          try (InputStream message = queue.content(ids.get(0))) {
            content = message.readAllBytes();
          }
          out.write(("=" + content.length + "\n").getBytes(StandardCharsets.UTF_8));
          out.write(content);
        }
        case "flush" -> line(reply, Integer.toString(queue.flush()));
        case "status" -> status.get().forEach(text -> line(reply, text));
        case "reload" -> reload(reply);
        case "delete" -> queue.delete(ids).forEach(id -> line(reply, id));
        case "hold" -> queue.hold(ids).forEach(id -> line(reply, id));
        case "release" -> queue.release(ids).forEach(id -> line(reply, id));
        case "requeue" -> queue.requeue(ids).forEach(id -> line(reply, id));
        default -> throw new IllegalArgumentException("unknown request '" + verb + "'");
      }
      reply.append(".\n");
    } catch (NoSuchElementException | IllegalArgumentException | IOException e) {
      if (!verb.equals("reload")) {
        reply.setLength(0);
      }
      reply.append('!').append(String.valueOf(e.getMessage()).replace('\n', ' ')).append('\n');
    }
    out.write(reply.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /**
   * Reloads: the notes of what needs a restart, or every violation of invalid inputs followed
   * by the failure, the old policy still running.
   */
  private void reload(StringBuilder reply) {
    try {
      reload.get().forEach(note -> line(reply, "needs a restart to change: " + note));
    } catch (PolicyException invalid) {
      invalid.violations().forEach(violation -> line(reply, violation.toString()));
      throw new IllegalArgumentException(invalid.violations().size() + " policy violations;"
          + " the old policy keeps running");
    } catch (RuntimeException failed) {
      throw new IllegalArgumentException(failed.getMessage() + "; the old policy keeps running");
    }
  }

  /** A line of payload, dot-stuffed so that it never reads as the end. */
  private static void line(StringBuilder reply, String text) {
    if (text.startsWith(".") || text.startsWith("!") || text.startsWith("=")) {
      reply.append('.');
    }
    reply.append(text).append('\n');
  }

  @Override
  public void close() {
    open = false;
    try {
      server.close();
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      // The next start replaces the socket file.
    }
  }
}
