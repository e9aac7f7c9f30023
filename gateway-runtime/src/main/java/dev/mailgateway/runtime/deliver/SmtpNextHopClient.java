package dev.mailgateway.runtime.deliver;

import dev.mailgateway.api.NextHop;
import dev.mailgateway.api.SecurityLevel;
import dev.mailgateway.runtime.DaemonThreads;
import dev.mailgateway.runtime.SpareBuffers;
import dev.mailgateway.runtime.queue.QueuedContent;
import dev.mailgateway.runtime.receive.Mailbox;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.util.SharedByteArrayInputStream;
import jakarta.mail.util.SharedFileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * The SMTP client, on Angus Mail's {@code SMTPTransport}: never the static {@code
 * Transport.send()}, which rewrites headers and breaks DKIM signatures; the message is read in
 * place from the queue file ({@code SharedFileInputStream}), not loaded; 8BITMIME conversion is
 * off; every timeout is set (Angus's defaults are infinite): the connection timeout through
 * Angus, each read's and write's through the sockets; STARTTLS follows the outbound
 * security level, with the client certificate through the socket factory.
 */
public final class SmtpNextHopClient implements NextHopClient, AutoCloseable {

  /** How long an idle connection is kept for the next message (Postfix's smtp_connection_cache_time_limit). */
  private static final Duration IDLE = Duration.ofSeconds(2);

  /**
   * The arrays messages of up to 64 KB are read into for sending, one a delivery at a time: four
   * read buffers a message (the file's stream and three of its ranges) were a third of all the
   * gateway allocated.
   */
  private static final SpareBuffers READ_BUFFERS = new SpareBuffers(64 * 1024, 32);

  static {
    // Jakarta Mail looks its stream provider up with a ServiceLoader for every message it
    // parses, reading jar files each time, unless this property names it: then it is one
    // Class.forName. The provider named is the one the lookup would find.
    if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
      System.setProperty("jakarta.mail.util.StreamProvider",
          "org.eclipse.angus.mail.util.MailStreamProvider");
    }
  }

  /** A connection waiting for its next message. */
  private record Idle(SMTPTransport transport, long since) {}

  private final java.util.concurrent.ConcurrentHashMap<NextHop, java.util.concurrent.ConcurrentLinkedDeque<Idle>> cache =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.concurrent.ConcurrentHashMap<NextHop, Session> sessions =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final String hostname;
  private final SecurityLevel tlsLevel;
  private final Optional<SSLContext> tls;
  private final Duration timeout;
  /**
   * Closes connections idle longer than {@link #IDLE}, as Postfix's scache does: an open idle
   * session holds one of the next hop's processes (an amavisd child serves one at a time).
   */
  private final java.util.concurrent.ScheduledExecutorService reaper =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          new DaemonThreads("smtp-idle-reaper"));

  /**
   * A client.
   *
   * @param hostname the name given in EHLO ({@code myhostname})
   * @param tls the client context (client certificate, trust) for STARTTLS
   */
  public SmtpNextHopClient(String hostname, SecurityLevel tlsLevel, Optional<SSLContext> tls,
      Duration timeout) {
    this.hostname = hostname;
    this.tlsLevel = tlsLevel;
    this.tls = tls;
    this.timeout = timeout;
    reaper.scheduleWithFixedDelay(this::closeIdle, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
  }

  private void closeIdle() {
    long now = System.nanoTime();
    for (java.util.Deque<Idle> idle : cache.values()) {
      for (Idle candidate : idle) {
        // Only the one who takes it out closes it: a sender may be taking it meanwhile.
        if (now - candidate.since() >= IDLE.toNanos() && idle.removeFirstOccurrence(candidate)) {
          quietlyClose(candidate.transport());
        }
      }
    }
  }

  @Override
  public DeliveryResult send(NextHop nextHop, Optional<Mailbox> sender, List<Mailbox> recipients,
      QueuedContent content) {
    Session session = sessions.computeIfAbsent(nextHop, this::session);
    Connection connection = null;
    byte[] lent = content.end() >= 0 && content.end() - content.offset() <= READ_BUFFERS.size()
        ? READ_BUFFERS.lend() : null;
    // A larger message is read in place, with a 64 KB buffer (the default 2 KB costs a seek and a
    // read each); its range's stream must stay a SharedInputStream, or Angus loads the whole
    // message into memory.
    try (SharedFileInputStream file = lent != null ? null
            : new SharedFileInputStream(content.file().toFile(), READ_BUFFERS.size());
        // Closed here, not left to the finalizer: the file stays open while a stream of it is.
        InputStream range = lent != null ? inMemory(content, lent)
            : file.newStream(content.offset(), content.end())) {
      SMTPMessage message = new SMTPMessage(session, range);
      // "<>" is the null sender of a bounce; Angus would replace an empty one with a made-up address.
      message.setEnvelopeFrom("<" + sender.map(Mailbox::toString).orElse("") + ">");
      Address[] to = new Address[recipients.size()];
      for (int i = 0; i < to.length; i++) {
        to[i] = new InternetAddress(recipients.get(i).toString(), false);
      }
      connection = borrow(nextHop, session);
      try {
        connection.transport().sendMessage(message, to);
      } catch (MessagingException e) {
        if (!connection.reused() || !spentConnection(e)) {
          throw e;
        }
        // The next hop closed the idle connection: try once on a new one, as a deferral would
        // a little later.
        quietlyClose(connection.transport());
        connection = connect(session);
        connection.transport().sendMessage(message, to);
      }
      String reply = String.valueOf(connection.transport().getLastServerResponse()).strip();
      giveBack(nextHop, connection.transport());
      connection = null;
      return new DeliveryResult(recipients, List.of(), List.of(), reply, relay(nextHop));
    } catch (SendFailedException e) {
      return partial(recipients, e, relay(nextHop));
    } catch (MessagingException | IOException e) {
      return new DeliveryResult(List.of(), recipients, List.of(),
          "connect to " + relay(nextHop) + ": " + describe(e));
    } finally {
      if (connection != null) {
        quietlyClose(connection.transport());
      }
      if (lent != null) {
        READ_BUFFERS.giveBack(lent);
      }
    }
  }

  /** A message of up to 64 KB, read whole with one positional read into a lent array. */
  private static InputStream inMemory(QueuedContent content, byte[] array) throws IOException {
    int length = (int) (content.end() - content.offset());
    java.nio.ByteBuffer into = java.nio.ByteBuffer.wrap(array, 0, length);
    try (java.nio.channels.FileChannel file = java.nio.channels.FileChannel.open(content.file())) {
      while (into.hasRemaining()) {
        if (file.read(into, content.offset() + into.position()) < 0) {
          throw new java.io.EOFException("the queue file " + content.file() + " ends early");
        }
      }
    }
    return new SharedByteArrayInputStream(array, 0, length);
  }

  /**
   * Whether a failure on a cached connection says that the connection is spent rather than
   * anything about the message: nothing was accepted, and either no reply was read (an end of
   * file, an I/O error), or the reply was a 421 (the next hop closes the channel), or it answered
   * MAIL FROM, the first command of a transaction. Angus's {@code isConnected()} would have found
   * these with a NOOP before every message.
   */
  private static boolean spentConnection(MessagingException failure) {
    if (failure instanceof SendFailedException send && send.getValidSentAddresses() != null
        && send.getValidSentAddresses().length > 0) {
      return false;
    }
    for (Exception e = failure; e != null;
        e = e instanceof MessagingException m ? m.getNextException() : null) {
      if (e instanceof SMTPSendFailedException reply && reply.getReturnCode() >= 200) {
        return reply.getReturnCode() == 421
            || String.valueOf(reply.getCommand()).toUpperCase(java.util.Locale.ROOT).startsWith("MAIL");
      }
      if (e instanceof SMTPAddressFailedException reply && reply.getReturnCode() >= 200) {
        return reply.getReturnCode() == 421;
      }
    }
    return true;
  }

  private Session session(NextHop nextHop) {
    Properties properties = new Properties();
    String millis = Long.toString(timeout.toMillis());
    properties.put("mail.smtp.host", nextHop.connectHost());
    properties.put("mail.smtp.port", Integer.toString(nextHop.portOrDefault()));
    properties.put("mail.smtp.localhost", hostname);
    properties.put("mail.smtp.connectiontimeout", millis);
    // The read and write timeouts are the sockets' own (NoDelaySockets).
    properties.put("mail.smtp.allow8bitmime", "false");
    properties.put("mail.smtp.sendpartial", "true");
    properties.put("mail.smtp.quitwait", "false");
    properties.put("mail.smtp.socketFactory", new NoDelaySockets(timeout));
    boolean mayTls = tlsLevel != SecurityLevel.NONE;
    properties.put("mail.smtp.starttls.enable", Boolean.toString(mayTls));
    properties.put("mail.smtp.starttls.required", Boolean.toString(
        mayTls && tlsLevel != SecurityLevel.MAY));
    tls.ifPresent(context -> properties.put("mail.smtp.ssl.socketFactory", context.getSocketFactory()));
    properties.put("mail.smtp.ssl.checkserveridentity", Boolean.toString(
        tlsLevel == SecurityLevel.VERIFY || tlsLevel == SecurityLevel.SECURE));
    return Session.getInstance(properties);
  }

  /**
   * A connection to the next hop: an idle one from the cache, or a new one. A cached connection
   * is not checked with a NOOP (Angus's {@code isConnected()}), a round trip for every message:
   * one that the next hop has closed fails at MAIL FROM, and {@link #send} then takes a new one.
   */
  private Connection borrow(NextHop nextHop, Session session) throws MessagingException {
    java.util.Deque<Idle> idle = idle(nextHop);
    for (Idle candidate = idle.pollFirst(); candidate != null; candidate = idle.pollFirst()) {
      if (System.nanoTime() - candidate.since() < IDLE.toNanos()) {
        return new Connection(candidate.transport(), true);
      }
      quietlyClose(candidate.transport());
    }
    return connect(session);
  }

  private static Connection connect(Session session) throws MessagingException {
    SMTPTransport transport = (SMTPTransport) session.getTransport("smtp");
    transport.connect();
    return new Connection(transport, false);
  }

  /** A connection in use, and whether it came from the cache. */
  private record Connection(SMTPTransport transport, boolean reused) {}

  private void giveBack(NextHop nextHop, SMTPTransport transport) {
    idle(nextHop).addFirst(new Idle(transport, System.nanoTime()));
  }

  /** The idle connections to a next hop, most recently used first. */
  private java.util.Deque<Idle> idle(NextHop nextHop) {
    return cache.computeIfAbsent(nextHop, hop -> new java.util.concurrent.ConcurrentLinkedDeque<>());
  }

  private static void quietlyClose(SMTPTransport transport) {
    try {
      transport.close();
    } catch (MessagingException ignored) {
      // The message is delivered or not by now; QUIT's fate changes nothing.
    }
  }

  /** Closes every cached connection. */
  @Override
  public void close() {
    reaper.shutdownNow();
    cache.values().forEach(idle -> idle.forEach(i -> quietlyClose(i.transport())));
    cache.clear();
  }

  /**
   * A next hop as Postfix logs it: {@code host[address]:port}. The address is looked up again
   * (the JDK caches it), since the client library does not say which one it reached.
   */
  private String relay(NextHop nextHop) {
    long now = System.nanoTime();
    RelayName known = relayNames.get(nextHop);
    if (known == null || now - known.lookedUp() > RELAY_NAME_AGE) {
      known = new RelayName(lookUpRelay(nextHop), now);
      relayNames.put(nextHop, known);
    }
    return known.name();
  }

  /**
   * The names of next hops for the log, looked up at most once a minute: a lookup per message is
   * a lock per message, and the address of a next hop seldom changes.
   */
  private final java.util.Map<NextHop, RelayName> relayNames = new java.util.concurrent.ConcurrentHashMap<>();
  private static final long RELAY_NAME_AGE = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);

  private record RelayName(String name, long lookedUp) { }

  private static String lookUpRelay(NextHop nextHop) {
    String host = nextHop.host();
    String address;
    try {
      address = java.net.InetAddress.getByName(host).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      address = "unknown";
    }
    return host + "[" + address + "]:" + nextHop.port().orElse(25);
  }

  /** Sorts the recipients by what each one's RCPT or the DATA reply said. */
  private static DeliveryResult partial(List<Mailbox> recipients, SendFailedException failure,
      String relay) {
    List<String> sent = addresses(failure.getValidSentAddresses());
    List<Mailbox> delivered = new ArrayList<>();
    List<Mailbox> deferred = new ArrayList<>();
    List<Mailbox> failed = new ArrayList<>();
    boolean permanent = permanent(failure);
    for (Mailbox recipient : recipients) {
      String address = recipient.toString();
      if (sent.contains(address)) {
        delivered.add(recipient);
        continue;
      }
      boolean refusedForGood = permanent;
      for (Exception next = failure.getNextException(); next != null;
          next = next instanceof MessagingException m ? m.getNextException() : null) {
        if (next instanceof SMTPAddressFailedException address1
            && address1.getAddress().getAddress().equalsIgnoreCase(address)) {
          refusedForGood = address1.getReturnCode() >= 500;
        }
      }
      (refusedForGood ? failed : deferred).add(recipient);
    }
    return new DeliveryResult(delivered, deferred, failed, said(failure, relay), relay);
  }

  /**
   * A refusal as Postfix words it: {@code host H[A] said: 550 5.1.1 ... (in reply to RCPT TO
   * command)}, from the first reply the next hop gave; the failure itself when it gave none.
   */
  private static String said(SendFailedException failure, String relay) {
    for (Exception e = failure; e != null;
        e = e instanceof MessagingException m ? m.getNextException() : null) {
      String command;
      String reply;
      if (e instanceof SMTPAddressFailedException address) {
        command = address.getCommand();
        reply = address.getMessage();
      } else if (e instanceof SMTPSendFailedException send && send.getReturnCode() >= 400) {
        command = send.getCommand();
        reply = send.getMessage();
      } else {
        continue;
      }
      String verb = String.valueOf(command).strip().replaceFirst("(?i)^(MAIL FROM|RCPT TO|\\S+).*",
          "$1").toUpperCase(java.util.Locale.ROOT);
      return "host " + relay.substring(0, relay.lastIndexOf(':')) + " said: "
          + String.valueOf(reply).strip().replace('\n', ' ') + " (in reply to "
          + (verb.equals(".") ? "end of DATA" : verb) + " command)";
    }
    return describe(failure);
  }

  private static boolean permanent(SendFailedException failure) {
    for (Exception e = failure; e != null;
        e = e instanceof MessagingException m ? m.getNextException() : null) {
      if (e instanceof SMTPSendFailedException send) {
        return send.getReturnCode() >= 500;
      }
    }
    return false;
  }

  private static List<String> addresses(Address[] addresses) {
    return addresses == null ? List.of()
        : Arrays.stream(addresses).map(a -> ((InternetAddress) a).getAddress()).toList();
  }

  private static String describe(Exception e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()).strip());
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
      text.append(" (").append(cause.getMessage()).append(')');
    }
    return text.toString().replace('\n', ' ');
  }
}
