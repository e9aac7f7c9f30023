package dev.mailgateway.runtime.receive;

import dev.mailgateway.runtime.DaemonThreads;
import dev.mailgateway.runtime.net.WatchedSocket;
import dev.mailgateway.tls.ClientAuth;
import dev.mailgateway.tls.Fingerprints;
import dev.mailgateway.tls.TlsContexts;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/**
 * One SMTP session, like one Postfix smtpd process serving one client: the command dialogue with
 * Postfix's replies, STARTTLS, the relay decision per recipient, DATA handed to the intake.
 * Pipelined commands are answered together: replies are flushed when the client has sent nothing
 * more. Every read is bounded in length and time.
 */
final class SmtpSession {

  /**
   * The replies' buffer, 4 KB as Postfix's VSTREAM: a session makes one for every connection,
   * and the default 8 KB was a tenth of all a relay allocated when each message came on its own
   * connection.
   */
  private static final int REPLY_BUFFER = 4096;

  private final SessionPolicy policy;
  private final Intake intake;
  private final SessionLog log;
  private final SiteFlush flush;
  private final CommandCounts commands = new CommandCounts();
  /** The commands Postfix flags SMTPD_CMD_FLAG_LIMIT: junk when repeated without mail. */
  private static final java.util.Set<String> JUNK = java.util.Set.of("HELO", "EHLO", "RSET", "NOOP",
      "VRFY", "ETRN");
  private String currentCommand = "";
  /** A host name or an address literal: what Postfix's ETRN takes as a site. */
  private static final java.util.regex.Pattern ETRN_SITE = java.util.regex.Pattern.compile(
      "\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*");
  /** Recipients past the limit in this transaction, as Postfix's rcpt_overshoot. */
  private int overshoot;
  /** The {@link #JUNK} commands since the last queued message (Postfix's junk_cmds). */
  private int junk;
  private Socket socket;
  private ClientInput in;
  private OutputStream out;
  /** The client: the connection's peer, or the one its load balancer reports. */
  private InetAddress client;
  private final java.util.function.Predicate<InetAddress> takeSlot;
  private final java.util.function.Consumer<InetAddress> releaseSlot;
  private static final java.util.concurrent.ScheduledExecutorService ALARMS =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          new DaemonThreads("proxy-header-alarm"));

  private Optional<String> helo = Optional.empty();
  private boolean esmtp;
  private boolean tls;
  private ClientCertificate certificate = ClientCertificate.NONE;
  private Optional<Optional<Mailbox>> sender = Optional.empty();
  private final List<Mailbox> recipients = new ArrayList<>();
  private int errors;

  /** A session on an accepted connection, whose reads and writes have smtpd_timeout's deadline. */
  SmtpSession(WatchedSocket socket, SessionPolicy policy, Intake intake, SessionLog log,
      java.util.function.Predicate<InetAddress> takeSlot,
      java.util.function.Consumer<InetAddress> releaseSlot, SiteFlush flush) throws IOException {
    this.flush = flush;
    this.takeSlot = takeSlot;
    this.releaseSlot = releaseSlot;
    this.socket = socket;
    this.policy = policy;
    this.intake = intake;
    this.log = log;
    this.client = socket.getInetAddress();
    this.in = new ClientInput(socket.getInputStream());
    this.out = new BufferedOutputStream(socket.getOutputStream(), REPLY_BUFFER);
  }

  /** Serves the client until QUIT, a fatal error or a timeout, then closes the connection. */
  void run() {
    boolean connected = false;
    boolean counted = false;
    try (Socket ignored = socket) {
      if (policy.fromLoadBalancer(client)) {
        Optional<InetAddress> reported = proxied();
        if (reported.isEmpty()) {
          return;
        }
        client = reported.get();
        if (!takeSlot.test(client)) {
          reply(ClientConnectionLimit.reply(policy, client));
          out.flush();
          ClientConnectionLimit.log(log, policy, client);
          return;
        }
        counted = true;
      }
      log.connected(client);
      connected = true;
      try {
        serve();
        // A client that ended its input mid-pipeline still reads: the replies held for it (one
        // may say that a message was queued) go out before the connection closes.
        flushQuietly();
      } catch (SocketTimeoutException e) {
        // Said while the connection is still open: the resource above closes it afterwards.
        reply("421 4.4.2 " + policy.hostname() + " Error: timeout exceeded");
        out.flush();
      }
    } catch (IOException e) {
      // The connection broke: the transaction in progress was not acknowledged, so nothing is lost.
      // Replies still held for a pipelining client go out if the connection still carries them:
      // one may say that a message was queued, and a client that half-closed still reads.
      flushQuietly();
    } finally {
      if (connected) {
        log.disconnected(client, commands.toString());
      }
      if (counted) {
        releaseSlot.accept(client);
      }
    }
  }

  /**
   * Reads the PROXY header a load balancer begins with, within {@code
   * smtpd_upstream_proxy_timeout}: the client it reports, its own address for a connection of
   * its own (a health check), or empty when the header is missing, malformed or late, and the
   * connection is dropped, as Postfix drops it, with a warning.
   */
  private Optional<InetAddress> proxied() throws IOException {
    java.time.Duration timeout = policy.upstream().orElseThrow().timeout().toDuration();
    java.util.concurrent.atomic.AtomicBoolean late = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.ScheduledFuture<?> alarm = ALARMS.schedule(() -> {
      late.set(true);
      try {
        socket.shutdownInput();
      } catch (IOException gone) {
        // Already closed.
      }
    }, timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    try {
      return Optional.of(ProxyHeader.read(in).map(java.net.InetSocketAddress::getAddress)
          .orElse(client));
    } catch (ProxyHeader.Malformed e) {
      dropped(late.get() ? "no PROXY header within " + timeout.toSeconds() + " s" : e.getMessage());
      return Optional.empty();
    } finally {
      alarm.cancel(false);
    }
  }

  private void dropped(String why) {
    System.getLogger("dev.mailgateway.runtime").log(System.Logger.Level.WARNING,
        "haproxy read from unknown[" + client.getHostAddress() + "]: " + why
            + "; connection dropped");
  }

  private void serve() throws IOException {
    // Replies are small and answer the client at once; Nagle's delay would stall each round trip.
    socket.setTcpNoDelay(true);
    reply("220 " + policy.greeting());
    while (true) {
      Optional<String> line = readLine();
      if (line.isEmpty() || !command(line.get())) {
        return;
      }
      if (errors >= policy.limits().errors()) {
        String reply = "421 4.7.0 " + policy.hostname() + " Error: too many errors";
        reply(reply);
        out.flush();
        log.turnedAway(client, "smtpd_hard_error_limit", reply, Map.of("command", currentCommand));
        return;
      }
    }
  }

  /** Handles one command line; false ends the session. */
  private boolean command(String line) throws IOException {
    if (line.isBlank()) {
      error("500 5.5.2 Error: bad syntax");
      return true;
    }
    currentCommand = line;
    int space = line.indexOf(' ');
    String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
    String argument = space < 0 ? "" : line.substring(space + 1);
    int errorsBefore = errors;
    try {
      return dispatch(verb, argument);
    } finally {
      commands.count(verb, errors == errorsBefore);
      // As Postfix's smtpd: past the junk limit each such command is an error too.
      if (JUNK.contains(verb) && junk++ > policy.limits().junkCommands()) {
        errors++;
      }
    }
  }

  /** Carries out one command; false ends the session. */
  private boolean dispatch(String verb, String argument) throws IOException {
    if (verb.equals("PROXY") && policy.upstream().isPresent()) {
      // A PROXY header from a client that is not a load balancer: a forged client address.
      dropped("a PROXY header from a client outside the load balancers' networks");
      return false;
    }
    switch (verb) {
      case "EHLO", "HELO" -> hello(verb, argument.strip());
      case "MAIL" -> mail(argument);
      case "RCPT" -> rcpt(argument);
      case "DATA" -> data(argument);
      case "RSET" -> {
        resetTransaction();
        reply("250 2.0.0 Ok");
      }
      case "NOOP" -> reply("250 2.0.0 Ok");
      case "STARTTLS" -> startTls(argument);
      case "VRFY" -> error("502 5.5.1 VRFY command is disabled");
      case "ETRN" -> etrn(argument);
      case "HELP" -> reply("214 2.0.0 See RFC 5321");
      case "QUIT" -> {
        reply("221 2.0.0 Bye");
        out.flush();
        return false;
      }
      default -> error("500 5.5.2 Error: command not recognized");
    }
    return true;
  }

  private void hello(String verb, String name) throws IOException {
    if (name.isEmpty() || name.contains(" ")) {
      error("501 Syntax: " + verb + " hostname");
      return;
    }
    resetTransaction();
    helo = Optional.of(name);
    esmtp = verb.equals("EHLO");
    if (verb.equals("HELO")) {
      reply("250 " + policy.hostname());
      return;
    }
    List<String> lines = new ArrayList<>(List.of(policy.hostname(), "PIPELINING",
        "SIZE " + policy.limits().messageSize(), "ETRN"));
    if (policy.offersTls() && !tls) {
      lines.add("STARTTLS");
    }
    lines.addAll(List.of("ENHANCEDSTATUSCODES", "8BITMIME", "SMTPUTF8"));
    pauseAfterErrors();
    for (int i = 0; i < lines.size(); i++) {
      write("250" + (i < lines.size() - 1 ? "-" : " ") + lines.get(i));
    }
    flushIfIdle();
  }

  /**
   * ETRN (RFC 1985) as Postfix's smtpd answers it: the deferred mail of a relay domain (Postfix's
   * {@code fast_flush_domains}, which is {@code $relay_domains}, subdomains included) is
   * delivered now; any other site is "service unavailable". Every other answer is an error.
   */
  private void etrn(String argument) throws IOException {
    String[] words = argument.strip().split("\\s+");
    if (helo.isEmpty()) {
      error("503 Error: send HELO/EHLO first");
    } else if (words.length != 1 || words[0].isEmpty()) {
      error("500 Syntax: ETRN domain");
    } else if (sender.isPresent()) {
      error("503 Error: MAIL transaction in progress");
    } else {
      String site = words[0].startsWith("@") || words[0].startsWith("#") ? words[0].substring(1) : words[0];
      if (!ETRN_SITE.matcher(site).matches()) {
        error("501 Error: invalid parameter syntax");
      } else if (policy.relay().relayDomains().stream()
          .anyMatch(d -> Mailbox.within(site.toLowerCase(Locale.ROOT), d.name()))) {
        flush.flush(site.toLowerCase(Locale.ROOT));
        reply("250 Queuing started");
      } else {
        error("459 <" + words[0] + ">: service unavailable");
      }
    }
  }

  /**
   * Past the soft error limit every reply waits, as Postfix's smtpd sleeps before each: a client
   * that keeps making errors is slowed down before the hard limit ends its session.
   */
  private void pauseAfterErrors() throws IOException {
    if (errors >= policy.limits().softErrors() && !policy.limits().errorSleep().isZero()) {
      out.flush();
      try {
        Thread.sleep(policy.limits().errorSleep().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("stopped while slowing a client down");
      }
    }
  }

  private void mail(String argument) throws IOException {
    if (helo.isEmpty()) {
      error("503 5.5.1 Error: send HELO/EHLO first");
      return;
    }
    if (sender.isPresent()) {
      error("503 5.5.1 Error: nested MAIL command");
      return;
    }
    if (policy.requiresTls() && !tls) {
      turnAway("smtpd_enforce_tls", "530 5.7.0 Must issue a STARTTLS command first");
      return;
    }
    Optional<String[]> parts = pathAndParameters(argument, "FROM:");
    if (parts.isEmpty()) {
      error("501 5.5.4 Syntax: MAIL FROM:<address>");
      return;
    }
    for (String parameter : parameters(parts.get()[1])) {
      String name = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
      String value = parameter.substring(name.length()).replaceFirst("^=", "");
      switch (name.toUpperCase(Locale.ROOT)) {
        case "SIZE" -> {
          if (!value.matches("\\d{1,18}")) {
            error("501 5.5.4 Bad message size syntax");
            return;
          }
          if (Long.parseLong(value) > policy.limits().messageSize()) {
            reject("552 5.3.4 Message size exceeds fixed limit", parts.get()[0], Optional.empty());
            return;
          }
        }
        case "BODY" -> {
          if (!value.equalsIgnoreCase("7BIT") && !value.equalsIgnoreCase("8BITMIME")) {
            error("501 5.5.4 Bad BODY parameter syntax");
            return;
          }
        }
        case "SMTPUTF8" -> {
          if (!value.isEmpty()) {
            error("501 5.5.4 Bad SMTPUTF8 parameter syntax");
            return;
          }
        }
        default -> {
          error("555 5.5.4 Unsupported option: " + name);
          return;
        }
      }
    }
    try {
      sender = Optional.of(SmtpPath.parse(parts.get()[0]));
    } catch (SmtpSyntaxException e) {
      error("501 5.1.7 Bad sender address syntax");
      return;
    }
    reply("250 2.1.0 Ok");
  }

  private void rcpt(String argument) throws IOException {
    if (sender.isEmpty()) {
      error("503 5.5.1 Error: need MAIL command");
      return;
    }
    Optional<String[]> parts = pathAndParameters(argument, "TO:");
    if (parts.isEmpty()) {
      error("501 5.5.4 Syntax: RCPT TO:<address>");
      return;
    }
    if (!parameters(parts.get()[1]).isEmpty()) {
      error("555 5.5.4 Unsupported option: " + parameters(parts.get()[1]).get(0));
      return;
    }
    Mailbox recipient;
    try {
      Optional<Mailbox> parsed = SmtpPath.parse(parts.get()[0]);
      if (parsed.isEmpty()) {
        error("501 5.1.3 Bad recipient address syntax");
        return;
      }
      recipient = parsed.get();
    } catch (SmtpSyntaxException e) {
      error("501 5.1.3 Bad recipient address syntax");
      return;
    }
    if (recipients.size() >= policy.limits().recipients()) {
      String reply = "452 4.5.3 Error: too many recipients";
      log.turnedAway(client, "smtpd_recipient_limit", reply, Map.of());
      // As Postfix: the client is told, and only past the overshoot limit is it an error.
      if (overshoot++ < policy.limits().recipientOvershoot()) {
        reply(reply);
      } else {
        error(reply);
      }
      return;
    }
    RelayDecision decision = policy.relay().decide(client, certificate, recipient);
    if (!decision.permitted()) {
      reject(decision.reply(), "<" + sender.get().map(Mailbox::toString).orElse("") + ">",
          Optional.of(recipient));
      return;
    }
    recipients.add(recipient);
    reply("250 2.1.5 Ok");
  }

  private void data(String argument) throws IOException {
    if (!argument.isBlank()) {
      error("501 5.5.4 Syntax: DATA");
      return;
    }
    if (sender.isEmpty()) {
      error("503 5.5.1 Error: need RCPT command");
      return;
    }
    if (recipients.isEmpty()) {
      error("554 5.5.1 Error: no valid recipients");
      return;
    }
    reply("354 End data with <CR><LF>.<CR><LF>");
    out.flush();
    Envelope envelope = new Envelope(sender.get(), recipients, helo.orElse(""), client, tls,
        isTrusted()).withCertificate(certificate.fingerprint());
    try (Intake.Incoming incoming = intake.begin()) {
      MessageData.Outcome outcome;
      try (OutputStream content = incoming.content()) {
        outcome = new MessageData(new DataDeadline(in, policy.limits().commandTimeout(),
            policy.limits().minDataRate(), System::nanoTime), policy.limits().messageSize())
            .copyTo(content);
      }
      resetTransaction();
      if (outcome.tooLarge()) {
        error("552 5.3.4 Message size exceeds fixed limit");
      } else if (outcome.bareLineFeed() && policy.bareNewlines().refuses(envelope.authenticated())) {
        error("550 5.5.2 " + policy.hostname() + " Error: bare <LF> received");
      } else {
        Intake.Verdict verdict = incoming.finish(envelope);
        if (verdict.accepted()) {
          junk = 0;
          reply(verdict.reply());
        } else {
          error(verdict.reply());
        }
      }
    } catch (EOFException | java.net.SocketTimeoutException e) {
      throw e;
    } catch (IOException e) {
      if (socket.isClosed()) {
        throw e;
      }
      resetTransaction();
      error("451 4.3.0 Error: queue file write error");
    }
  }

  private boolean isTrusted() {
    return policy.relay().mynetworks().stream().anyMatch(network -> network.contains(client))
        || certificate.pinned() || certificate.issuedByTrustedCa();
  }

  private void startTls(String argument) throws IOException {
    if (!policy.offersTls()) {
      error("502 5.5.1 Error: command not implemented");
      return;
    }
    if (tls) {
      error("554 5.5.1 Error: TLS already active");
      return;
    }
    if (!argument.isBlank()) {
      error("501 5.5.4 Syntax: STARTTLS");
      return;
    }
    reply("220 2.0.0 Ready to start TLS");
    out.flush();
    SSLSocket secure = (SSLSocket) policy.tls().orElseThrow().getSocketFactory()
        .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
    secure.setUseClientMode(false);
    boolean asks = !policy.clientCas().isEmpty() || !policy.pins().isEmpty();
    secure.setSSLParameters(TlsContexts.parameters(policy.tls().get(),
        asks ? ClientAuth.WANT : ClientAuth.NONE));
    secure.startHandshake();
    socket = secure;
    // Whatever the client pipelined in plain text after STARTTLS is dropped with the old
    // buffer, never read as if it had come over TLS (CVE-2011-0411).
    in = new ClientInput(secure.getInputStream());
    out = new BufferedOutputStream(secure.getOutputStream(), REPLY_BUFFER);
    tls = true;
    helo = Optional.empty();
    resetTransaction();
    certificate = evaluate(secure);
  }

  private ClientCertificate evaluate(SSLSocket secure) {
    List<X509Certificate> chain;
    try {
      Certificate[] peer = secure.getSession().getPeerCertificates();
      chain = Arrays.stream(peer).map(c -> (X509Certificate) c).toList();
    } catch (SSLPeerUnverifiedException none) {
      return ClientCertificate.NONE;
    }
    X509Certificate leaf = chain.get(0);
    boolean pinned = policy.pins().stream().anyMatch(pin ->
        pin.equals(Fingerprints.ofCertificate(leaf, pin.digest()))
            || pin.equals(Fingerprints.ofPublicKey(leaf, pin.digest())));
    return new ClientCertificate(pinned, TlsContexts.isIssuedBy(chain, policy.clientCas()),
        Optional.of(Fingerprints.ofCertificate(leaf, dev.mailgateway.api.Fingerprint.Digest.SHA256)
            .toString()));
  }

  private void resetTransaction() {
    sender = Optional.empty();
    recipients.clear();
    overshoot = 0;
  }

  /** {@code FROM:<path> params}: the path and the parameters, or empty when malformed. */
  private static Optional<String[]> pathAndParameters(String argument, String keyword) {
    if (!argument.regionMatches(true, 0, keyword, 0, keyword.length())) {
      return Optional.empty();
    }
    String rest = argument.substring(keyword.length()).stripLeading();
    if (!rest.startsWith("<")) {
      return Optional.empty();
    }
    int close = closingBracket(rest);
    if (close < 0) {
      // An unterminated path (a line cut at line_length_limit, say) is a bad address, as Postfix
      // answers it, not a syntax error of the command.
      return Optional.of(new String[] {rest, ""});
    }
    return Optional.of(new String[] {rest.substring(0, close + 1), rest.substring(close + 1)});
  }

  /** The '>' that closes the path, skipping any inside a quoted local part. */
  private static int closingBracket(String path) {
    boolean quoted = false;
    for (int i = 1; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\' && quoted) {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == '>' && !quoted) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> parameters(String text) {
    String stripped = text.strip();
    return stripped.isEmpty() ? List.of() : List.of(stripped.split("\\s+"));
  }

  /** Reads a command line; empty when the client closed the connection. */
  private Optional<String> readLine() throws IOException {
    flushIfIdle();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    boolean tooLong = false;
    while (true) {
      int b = in.read();
      if (b == -1) {
        return Optional.empty();
      }
      if (b == '\n') {
        break;
      }
      if (line.size() < policy.limits().lineLength()) {
        line.write(b);
      } else {
        tooLong = true;
      }
    }
    String text = line.toString(StandardCharsets.UTF_8);
    if (tooLong) {
      // As Postfix's smtpd: the first line_length_limit bytes are the command, the rest of the
      // line is dropped; what is left of the command is answered for what it is.
      return Optional.of(text);
    }
    return Optional.of(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
  }

  private void error(String reply) throws IOException {
    errors++;
    reply(reply);
  }

  /** Refuses a command for a limit or a TLS requirement, which Postfix does not log as a reject. */
  private void turnAway(String parameter, String reply) throws IOException {
    log.turnedAway(client, parameter, reply, Map.of());
    error(reply);
  }

  /**
   * Refuses a command by a restriction, which Postfix logs ({@code NOQUEUE: reject: RCPT from
   * ...; from=<a> to=<b> proto=ESMTP helo=<c>}); protocol errors it does not log.
   */
  private void reject(String reply, String from, Optional<Mailbox> to) throws IOException {
    Map<String, String> context = new LinkedHashMap<>();
    context.put("from", from);
    to.ifPresent(r -> context.put("to", "<" + r + ">"));
    context.put("proto", esmtp ? "ESMTP" : "SMTP");
    helo.ifPresent(name -> context.put("helo", "<" + name + ">"));
    log.rejected(client, currentCommand, reply, context);
    error(reply);
  }

  private void reply(String line) throws IOException {
    pauseAfterErrors();
    write(line);
    flushIfIdle();
  }

  private void write(String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
  }

  private void flushQuietly() {
    try {
      out.flush();
    } catch (IOException gone) {
      // The client is gone; nothing more can reach it.
    }
  }

  private void flushIfIdle() throws IOException {
    if (in.drained()) {
      out.flush();
    }
  }
}
