package dev.mailgateway.runtime.receive;

import dev.mailgateway.runtime.DaemonThreads;
import dev.mailgateway.runtime.net.WatchedSocket;
import dev.mailgateway.runtime.net.WatchingServerSocket;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SMTP listener, like Postfix's master with its smtpd processes: accepts connections, keeps
 * the global and per-client session limits, and runs one {@link SmtpSession} per connection on
 * the executor (virtual threads on Java 21 and later, when the caller does not give one).
 */
public final class SmtpServer implements AutoCloseable {

  private final WatchingServerSocket listener;
  /** The policy and intake new sessions get; a reload replaces them, sessions in flight keep theirs. */
  private volatile Served served;
  private final SessionLog log;
  private final SiteFlush flush;
  private final ExecutorService sessions;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<InetAddress, AtomicInteger> perClient = new ConcurrentHashMap<>();
  private final Map<Socket, Boolean> sockets = new ConcurrentHashMap<>();
  private final Thread acceptor;
  private volatile long lastLimitWarning = System.nanoTime() - java.util.concurrent.TimeUnit.HOURS.toNanos(1);

  private SmtpServer(WatchingServerSocket listener, SessionPolicy policy, Intake intake,
      SessionLog log, ExecutorService sessions, SiteFlush flush) {
    this.listener = listener;
    this.flush = flush;
    this.served = new Served(policy, intake);
    this.log = log;
    this.sessions = sessions;
    // concat, not +: the first concatenation of an int in a JVM spins half a dozen method
    // handle classes, some milliseconds of a test suite's first gateway (bench/cold-start.sh).
    this.acceptor = new DaemonThreads("smtp-accept-".concat(Integer.toString(listener.getLocalPort())))
        .newThread(this::accept);
  }

  /**
   * Listens on an address (port 0 for a free one) and starts accepting.
   *
   * @throws UncheckedIOException when the address cannot be bound
   */
  public static SmtpServer start(InetSocketAddress address, SessionPolicy policy, Intake intake,
      SessionLog log, ExecutorService sessions) {
    return start(address, policy, intake, log, sessions, SiteFlush.NONE);
  }

  /**
   * Listens on an address (port 0 for a free one) and starts accepting; ETRN for a relay domain
   * flushes that domain's mail through {@code flush}.
   *
   * @throws UncheckedIOException when the address cannot be bound
   */
  public static SmtpServer start(InetSocketAddress address, SessionPolicy policy, Intake intake,
      SessionLog log, ExecutorService sessions, SiteFlush flush) {
    try {
      WatchingServerSocket listener = new WatchingServerSocket(policy.limits().commandTimeout());
      listener.setReuseAddress(true);
      listener.bind(address, 100);
      SmtpServer server = new SmtpServer(listener, policy, intake, log, sessions, flush);
      server.acceptor.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
    }
  }

  /** The address it listens on. */
  public InetSocketAddress address() {
    return (InetSocketAddress) listener.getLocalSocketAddress();
  }

  private void accept() {
    while (!listener.isClosed()) {
      if (!awaitSlot()) {
        return;
      }
      WatchedSocket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        return;
      }
      InetAddress client = socket.getInetAddress();
      Served now = served;
      SessionPolicy policy = now.policy();
      // A balancer's connection counts for the client it reports, once the session has read it.
      boolean proxied = policy.fromLoadBalancer(client);
      open.incrementAndGet();
      if (!proxied && !take(client, policy)) {
        refuse(socket, ClientConnectionLimit.reply(policy, client));
        ClientConnectionLimit.log(log, policy, client);
        closed();
        continue;
      }
      sockets.put(socket, Boolean.TRUE);
      try {
        sessions.execute(() -> {
          try {
            new SmtpSession(socket, policy, now.intake(), log, reported -> take(reported, policy),
                this::release, flush).run();
          } catch (IOException e) {
            // The client left before its session began.
          } finally {
            sockets.remove(socket);
            close(socket);
            closed();
            if (!proxied) {
              release(client);
            }
          }
        });
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        sockets.remove(socket);
        refuse(socket, "421 4.3.2 " + policy.hostname() + " Service shutting down");
        closed();
        if (!proxied) {
          release(client);
        }
      }
    }
  }

  /**
   * Waits, as a client of Postfix waits in the listen queue while every smtpd process is busy,
   * until fewer sessions than {@code default_process_limit} are open: the connections beyond
   * are left to the kernel's backlog, not accepted and refused. False once the listener closed.
   */
  private boolean awaitSlot() {
    synchronized (open) {
      while (open.get() >= served.policy().limits().connections()) {
        if (listener.isClosed()) {
          return false;
        }
        warnOfProcessLimit();
        try {
          // A reload may raise the limit, and a stop closes the listener: look again now and then.
          open.wait(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return true;
  }

  /** master's warning, at most once a minute while the limit holds clients back. */
  private void warnOfProcessLimit() {
    long now = System.nanoTime();
    if (now - lastLimitWarning > java.util.concurrent.TimeUnit.MINUTES.toNanos(1)) {
      lastLimitWarning = now;
      System.getLogger("dev.mailgateway.runtime").log(System.Logger.Level.WARNING,
          "service \"smtp\" (" + address() + ") has reached its process limit \""
              + served.policy().limits().connections() + "\": new clients may experience"
              + " noticeable delays");
    }
  }

  /** A session is over: its slot is free for a waiting client. */
  private void closed() {
    synchronized (open) {
      open.decrementAndGet();
      open.notifyAll();
    }
  }

  /**
   * Counts a connection from a client; false, uncounted, when it has too many already. Clients
   * the policy exempts (mynetworks, as {@code smtpd_client_event_limit_exceptions} says by
   * default) are counted but never refused.
   */
  private boolean take(InetAddress client, SessionPolicy policy) {
    AtomicInteger fromClient = perClient.computeIfAbsent(client, c -> new AtomicInteger());
    if (fromClient.incrementAndGet() > policy.limits().connectionsPerClient()
        && !policy.exemptFromClientLimits(client)) {
      release(client);
      return false;
    }
    return true;
  }

  private void release(InetAddress client) {
    perClient.computeIfPresent(client, (c, count) -> count.decrementAndGet() <= 0 ? null : count);
  }

  private static void refuse(Socket socket, String reply) {
    try (Socket closing = socket) {
      OutputStream out = closing.getOutputStream();
      out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException gone) {
      // Nothing to tell a client that is already gone.
    }
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing a broken socket fails the same way it already failed.
    }
  }

  /** What new sessions get. */
  private record Served(SessionPolicy policy, Intake intake) { }

  /** From now on, new sessions get this policy and intake; sessions in flight finish on theirs. */
  public void use(SessionPolicy policy, Intake intake) {
    served = new Served(policy, intake);
  }

  /** Whether it accepts connections. */
  public boolean listening() {
    return !listener.isClosed() && acceptor.isAlive();
  }

  /**
   * Stops accepting, lets the sessions in flight finish for up to {@code grace}, then closes the
   * remaining connections. A transaction cut off this way was never acknowledged.
   */
  public void stop(java.time.Duration grace) {
    try {
      listener.close();
    } catch (IOException ignored) {
      // Already closed.
    }
    sessions.shutdown();
    try {
      if (!sessions.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        sockets.keySet().forEach(SmtpServer::close);
        sessions.shutdownNow();
        sessions.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop(java.time.Duration.ZERO);
  }
}
