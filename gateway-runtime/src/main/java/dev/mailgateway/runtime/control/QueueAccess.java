package dev.mailgateway.runtime.control;

import dev.mailgateway.api.MailQueue;
import dev.mailgateway.runtime.GatewayEvents;
import dev.mailgateway.runtime.deliver.QueueControl;
import dev.mailgateway.runtime.queue.FileSpool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The queue of a spool folder for a queue command: the running gateway's, through its control
 * socket, or, when none runs, the spool itself, locked so that neither a second command nor a
 * gateway starting meanwhile races it (the gateway waits for the lock, then refuses).
 */
public final class QueueAccess implements AutoCloseable {

  private final MailQueue queue;
  private final Optional<FileSpool> idle;
  private final GatewayEvents events;

  private QueueAccess(MailQueue queue, Optional<FileSpool> idle, GatewayEvents events) {
    this.queue = queue;
    this.idle = idle;
    this.events = events;
  }

  /**
   * Reaches a spool's queue.
   *
   * @throws IOException when the folder is missing or not a spool, or a gateway holds it but
   *     does not answer on its control socket
   */
  public static QueueAccess open(Path spool) throws IOException {
    Clock clock = Clock.systemUTC();
    GatewayEvents events = new GatewayEvents(clock);
    Optional<FileSpool> idle = FileSpool.openIdle(spool, clock);
    if (idle.isPresent()) {
      return new QueueAccess(QueueControl.idle(idle.get(), events, clock), idle, events);
    }
    Path socket = ControlSocket.socketOf(spool);
    if (!Files.exists(socket) || !RemoteQueue.answers(socket)) {
      throw new IOException("the spool " + spool + " is locked, but no gateway answers on "
          + socket + ": another queue command may be running");
    }
    return new QueueAccess(new RemoteQueue(socket), Optional.empty(), events);
  }

  /** The queue. */
  public MailQueue queue() {
    return queue;
  }

  /** Whether the spool's gateway is running: changes take effect at once rather than at its start. */
  public boolean running() {
    return idle.isEmpty();
  }

  /** What was done to a stopped gateway's queue ({@code removed}, say), as events. */
  public GatewayEvents events() {
    return events;
  }

  @Override
  public void close() {
    idle.ifPresent(FileSpool::close);
  }
}
