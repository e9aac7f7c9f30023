package dev.mailgateway.runtime;

import dev.mailgateway.api.Cidr;
import dev.mailgateway.api.ClientFingerprint;
import dev.mailgateway.api.DkimSigning;
import dev.mailgateway.api.Fingerprint;
import dev.mailgateway.api.Fqdn;
import dev.mailgateway.api.GatewayOptions;
import dev.mailgateway.api.NextHop;
import dev.mailgateway.api.ScannerEndpoint;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.InboundTls;
import dev.mailgateway.api.OutboundTls;
import dev.mailgateway.api.PostfixDuration;
import dev.mailgateway.api.RunningGateway;
import dev.mailgateway.api.SecurityLevel;
import dev.mailgateway.config.GatewayRenderer;
import dev.mailgateway.config.RenderLayout;
import dev.mailgateway.dkim.DkimKeyStore;
import dev.mailgateway.dkim.DkimSigner;
import dev.mailgateway.dkim.GeneratedKey;
import dev.mailgateway.runtime.cleanup.Cleanup;
import dev.mailgateway.runtime.cleanup.ContentFiltering;
import dev.mailgateway.runtime.cleanup.ContentScanner;
import dev.mailgateway.runtime.scan.ScannerLineup;
import dev.mailgateway.runtime.deliver.DeliveryAgent;
import dev.mailgateway.runtime.control.ControlSocket;
import dev.mailgateway.runtime.deliver.QueueControl;
import dev.mailgateway.runtime.metrics.GatewayMeters;
import dev.mailgateway.runtime.deliver.NextHopClient;
import dev.mailgateway.runtime.deliver.OnDemandSmtpClient;
import dev.mailgateway.runtime.deliver.Router;
import dev.mailgateway.runtime.deliver.SmtpNextHopClient;
import dev.mailgateway.runtime.queue.FileSpool;
import dev.mailgateway.runtime.queue.MemorySpool;
import dev.mailgateway.runtime.queue.Spool;
import dev.mailgateway.runtime.receive.BareNewlines;
import dev.mailgateway.runtime.receive.Intake;
import dev.mailgateway.runtime.cleanup.AuthenticationResults;
import dev.mailgateway.dkim.DkimKeyResolver;
import dev.mailgateway.dkim.DnsKeyResolver;
import dev.mailgateway.runtime.receive.SessionLog;
import dev.mailgateway.runtime.receive.RelayPermission;
import dev.mailgateway.runtime.receive.SessionPolicy;
import dev.mailgateway.runtime.receive.SmtpLimits;
import dev.mailgateway.runtime.receive.SmtpServer;
import dev.mailgateway.tls.CertifiedKey;
import dev.mailgateway.tls.ClientAuth;
import dev.mailgateway.tls.Pem;
import dev.mailgateway.tls.TlsContexts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * A gateway running in this process: the receiving server, cleanup, the queue and the delivery
 * agent, wired from one policy.
 */
public final class EmbeddedGateway implements RunningGateway {

  private static final Duration DEFAULT_LIFETIME = Duration.ofDays(5);

  private final SmtpServer server;
  private final Optional<SmtpServer> reinjection;
  private final DeliveryAgent delivery;
  private final Spool spool;
  private final GatewayEvents events;
  private final QueueControl queue;
  private final Optional<ControlSocket> control;
  private final Readiness readiness;
  private final Fixed fixed;
  private final TlsFileWatch tlsFiles;
  /** The policy running now, with what was built of it; a reload replaces it whole. */
  private volatile Wiring wiring;
  private volatile java.util.function.Supplier<GatewayPolicy> source;

  private EmbeddedGateway(SmtpServer server, Optional<SmtpServer> reinjection,
      DeliveryAgent delivery, QueueControl queue, Spool spool, Fixed fixed, Wiring wiring) {
    this.server = server;
    this.reinjection = reinjection;
    this.delivery = delivery;
    this.spool = spool;
    this.events = fixed.events();
    this.fixed = fixed;
    this.wiring = wiring;
    this.source = () -> this.wiring.policy();
    GatewayOptions options = fixed.options();
    this.queue = queue;
    this.readiness = new Readiness(options.spool(), options.scanners(), wiring.served(),
        fixed.clock());
    this.tlsFiles = new TlsFileWatch(() -> tlsFiles(this.wiring.policy()), this::reloadTlsFiles);
    if (options.meters().isPresent()) {
      events.listen(new GatewayMeters(options.meters().get(), delivery::counts));
    }
    this.control = options.spool().isPresent() ? controlSocket(options.spool().get())
        : Optional.empty();
  }

  /**
   * The inbound certificate the gateway serves, as it read it from its file at the start: what
   * {@code gateway check} compares with the file as it is now.
   */
  private record LoadedCertificate(java.nio.file.Path file, X509Certificate certificate) {

    static Optional<LoadedCertificate> of(GatewayPolicy policy) {
      if (policy.inboundTls().isEmpty()) {
        return Optional.empty();
      }
      java.nio.file.Path file = policy.inboundTls().get().certificate();
      return Optional.of(new LoadedCertificate(file, Pem.readCertificates(file).get(0)));
    }
  }

  /**
   * The control socket of the queue commands. A gateway without one still relays (a spool path
   * too long for a Unix socket, say): the queue commands then say that none answers.
   */
  private Optional<ControlSocket> controlSocket(java.nio.file.Path folder) {
    try {
      return Optional.of(ControlSocket.start(folder, queue, this::status, this::reloadFromSource));
    } catch (java.io.UncheckedIOException e) {
      System.getLogger("dev.mailgateway.runtime").log(System.Logger.Level.WARNING,
          e.getMessage() + "; the queue commands cannot reach this gateway");
      return Optional.empty();
    }
  }

  /**
   * The parts of a gateway that are not policy: the clock, a content scanner, replacements for
   * tests, and who hears of generated DKIM keys.
   *
   * @param clock the clock of timestamps, retries and expiry
   * @param nextHops a next-hop client in place of the SMTP client, for tests of a stage
   * @param scanner a content scanner in place of the ones the options name
   * @param keysGenerated told of each DKIM key generated at the start, to print its record
   * @param dkimKeys where inbound signatures' key records come from: the system's DNS
   *     resolvers, or a test's server
   * @param lookupBudget how long all key lookups of one inbound message may take together
   */
  public record Parts(Clock clock, Optional<NextHopClient> nextHops,
      Optional<ContentScanner> scanner, Consumer<GeneratedKey> keysGenerated,
      DkimKeyResolver dkimKeys, Duration lookupBudget) {

    /** The system clock, the SMTP client, no scanner, nobody told of keys, the system's DNS. */
    public static Parts defaults() {
      return new Parts(Clock.systemUTC(), Optional.empty(), Optional.empty(), key -> { },
          DnsKeyResolver.system(), AuthenticationResults.BUDGET);
    }

    /** The same parts with a content scanner in place of the options' scanners. */
    public Parts scanningWith(ContentScanner contentScanner) {
      return new Parts(clock, nextHops, Optional.of(contentScanner), keysGenerated, dkimKeys,
          lookupBudget);
    }

    /**
     * The same parts sending through another client than SMTP: a recording one, for a test of
     * what goes where that must not leave loopback.
     */
    public Parts sendingThrough(NextHopClient client) {
      return new Parts(clock, Optional.of(client), scanner, keysGenerated, dkimKeys, lookupBudget);
    }

    /** The same parts telling someone of generated keys. */
    public Parts tellingKeysTo(Consumer<GeneratedKey> listener) {
      return new Parts(clock, nextHops, scanner, listener, dkimKeys, lookupBudget);
    }

    /** The same parts looking inbound signatures' keys up elsewhere, within a budget. */
    public Parts resolvingDkimKeysWith(DkimKeyResolver keys, Duration budget) {
      return new Parts(clock, nextHops, scanner, keysGenerated, keys, budget);
    }
  }

  /** Starts a gateway with the system clock and the SMTP client. */
  public static EmbeddedGateway start(GatewayPolicy policy, GatewayOptions options) {
    return start(policy, options, Parts.defaults());
  }

  /**
   * Starts a gateway with its parts.
   *
   * <p>The start, and the policy build before it, are written with conditionals rather than
   * Optional's lambdas: each lambda is a class spun when it first runs, ~0.3 ms in a fresh JVM,
   * and a test suite pays for all of them in its first gateway (bench/cold-start.sh).
   */
  public static EmbeddedGateway start(GatewayPolicy policy, GatewayOptions options, Parts parts) {
    Optional<ScannerEndpoint> amavis = ScannerLineup.amavis(options.scanners());
    Optional<ContentScanner> scanner = Optional.empty();
    if (amavis.isEmpty()) {
      scanner = parts.scanner().isPresent() ? parts.scanner()
          : ScannerLineup.of(options.scanners());
      ScannerLineup.checkCovers(policy.contentFilter(), scanner);
    }
    Clock clock = parts.clock();
    String hostname = policy.hostname().name();
    GatewayEvents events = new GatewayEvents(clock);
    Spool spool = options.spool().isPresent() ? FileSpool.open(options.spool().get(), clock)
        : new MemorySpool(clock);
    InetSocketAddress address = new InetSocketAddress(options.host(), options.port());
    Fixed fixed = new Fixed(options, parts.keysGenerated(), scanner, amavis, clock, events, spool,
        address.getAddress(), parts.dkimKeys(), parts.lookupBudget());
    Wiring wiring;
    try {
      wiring = fixed.wire(policy);
    } catch (RuntimeException e) {
      spool.close();
      throw e;
    }
    NextHopClient nextHops = parts.nextHops().isPresent() ? parts.nextHops().get()
        : smtpClient(hostname, policy.outboundTls());
    DeliveryAgent delivery = new DeliveryAgent(hostname, spool, wiring.router(), nextHops, events,
        clock, wiring.lifetime(), wiring.bounceLifetime(), options.handlers());
    SessionLog refusals = new SessionEvents(events);
    QueueControl queue = QueueControl.of(spool, delivery, events, clock);
    SmtpServer server = SmtpServer.start(address, wiring.sessions(), wiring.cleanup(), refusals,
        sessionThreads(), queue::flushSite);
    Optional<SmtpServer> reinjection = Optional.empty();
    if (wiring.afterQueue().isPresent()) {
      reinjection = Optional.of(reinjectionServer(policy, amavis.get(),
          new Cleanup(hostname, List.of(), Map.of(), spool, events, clock), refusals));
    }
    delivery.start();
    return new EmbeddedGateway(server, reinjection, delivery, queue, spool, fixed, wiring);
  }

  private static NextHopClient smtpClient(String hostname, Optional<OutboundTls> tls) {
    if (tls.isEmpty()) {
      return new OnDemandSmtpClient(hostname, Duration.ofMinutes(5));
    }
    return new SmtpNextHopClient(hostname, tls.get().securityLevel(),
        Optional.of(clientContext(tls.get())), Duration.ofMinutes(5));
  }

  /**
   * What a reload leaves as it was: the options, the scanners, the clock, the events, the queue
   * and the listening address.
   */
  private record Fixed(GatewayOptions options, Consumer<GeneratedKey> keysGenerated,
      Optional<ContentScanner> scanner, Optional<ScannerEndpoint> amavis, Clock clock,
      GatewayEvents events, Spool spool, InetAddress listen, DkimKeyResolver dkimKeys,
      Duration lookupBudget) {

    /**
     * Builds what a policy decides: the sessions' policy (reading the TLS files), cleanup (with
     * the DKIM keys, generating missing ones), the routes and the queue lifetimes.
     *
     * @throws RuntimeException when the policy cannot be carried out (an unreadable key, no
     *     scanner for its content filter)
     */
    Wiring wire(GatewayPolicy policy) {
      checkHandlers(policy, options.handlers().keySet());
      if (amavis.isEmpty()) {
        ScannerLineup.checkCovers(policy.contentFilter(), scanner);
      }
      Optional<NextHop> afterQueue = Optional.empty();
      if (amavis.isPresent() && policy.contentFilter().enabled()) {
        afterQueue = Optional.of(NextHop.parse("[" + amavis.get().host() + "]:" + amavis.get().port()));
      }
      String hostname = policy.hostname().name();
      // As the rendered OpenDKIM, which only a policy with DKIM has, verifies in mode sv.
      Optional<AuthenticationResults> verification = Optional.empty();
      if (policy.dkim().isPresent()) {
        verification = Optional.of(new AuthenticationResults(hostname, dkimKeys, lookupBudget,
            policy.dkim().get().maximumSignaturesToVerify()));
      }
      Intake cleanup = new Cleanup(hostname, policy.headerChecks(), signers(policy, keysGenerated),
          spool, events, clock, new ContentFiltering(scanner, policy.contentFilter(),
              policy.relayDomains(), afterQueue), verification);
      return new Wiring(policy, sessionPolicy(policy, listen), cleanup, new Router(policy),
          lifetime(policy.queue().maximal()), lifetime(policy.queue().bounce()), afterQueue,
          LoadedCertificate.of(policy));
    }
  }

  /**
   * Refuses a policy whose transport table names a mail handler the application has not
   * registered: its mail would wait in the queue for a handler that never comes.
   */
  static void checkHandlers(GatewayPolicy policy, Set<String> registered) {
    List<dev.mailgateway.api.Violation> missing = new java.util.ArrayList<>();
    for (int i = 0; i < policy.transports().size(); i++) {
      dev.mailgateway.api.TransportRoute route = policy.transports().get(i);
      if (route.service().equals("app") && !registered.contains(route.nexthop())) {
        missing.add(new dev.mailgateway.api.Violation("transports[" + i + "]", "'" + route
            + "' names the mail handler '" + route.nexthop() + "', which is not registered"
            + " (GatewayOptions.handling(\"" + route.nexthop() + "\", handler)); registered: "
            + (registered.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(registered)))));
      }
    }
    if (!missing.isEmpty()) {
      throw new dev.mailgateway.api.PolicyException(missing);
    }
  }

  /** A policy and what was built of it. */
  private record Wiring(GatewayPolicy policy, SessionPolicy sessions, Intake cleanup,
      Router router, Duration lifetime, Duration bounceLifetime, Optional<NextHop> afterQueue,
      Optional<LoadedCertificate> certificate) {

    /** The certificate served, as it was read at the load. */
    Optional<X509Certificate> served() {
      return certificate.isPresent() ? Optional.of(certificate.get().certificate())
          : Optional.empty();
    }
  }

  /**
   * Runs a new policy from now on: new sessions get it, sessions in flight finish on the old
   * one, deliveries begun from now on route by it. A policy that cannot be carried out (a key
   * that does not read, no scanner for its content filter) changes nothing.
   *
   * @return what the new policy changes that only a restart applies (the listening address's
   *     timeout, the SMTP client's name and TLS, the content filter after the queue); empty when
   *     everything took effect
   * @throws RuntimeException when the policy cannot be carried out, saying why
   */
  public synchronized List<String> reload(GatewayPolicy policy) {
    Wiring next = fixed.wire(policy);
    GatewayPolicy before = wiring.policy();
    List<String> needRestart = new java.util.ArrayList<>();
    if (!before.hostname().equals(policy.hostname())) {
      needRestart.add("the host name the SMTP client says in EHLO (" + before.hostname() + ")");
    }
    if (!before.outboundTls().equals(policy.outboundTls())) {
      needRestart.add("outbound TLS");
    }
    if (!next.afterQueue().equals(wiring.afterQueue())) {
      needRestart.add("the content filter after the queue");
    }
    if (!SmtpLimits.fromPostfix(before.postfixOverrides()).commandTimeout()
        .equals(SmtpLimits.fromPostfix(policy.postfixOverrides()).commandTimeout())) {
      needRestart.add("smtpd_timeout of the listening socket");
    }
    wiring = next;
    server.use(next.sessions(), next.cleanup());
    delivery.use(next.router(), next.lifetime(), next.bounceLifetime());
    readiness.serving(next.served());
    tlsFiles.rememberNow();
    return needRestart;
  }

  /**
   * Where {@link #reloadFromSource()} reads the policy anew: the policy file, or the env file
   * with its volumes, of the command line that started the gateway. Without one, the running
   * policy is built again, which reads its TLS and DKIM key files anew.
   */
  public void rereadingFrom(java.util.function.Supplier<GatewayPolicy> policySource) {
    this.source = policySource;
  }

  /**
   * Reads the inputs anew and runs what they say ({@code postfix reload}); see {@link
   * #reload(GatewayPolicy)}.
   *
   * @throws RuntimeException when the inputs are invalid (a {@link dev.mailgateway.api.PolicyException}
   *     with every violation) or cannot be carried out; the old policy keeps running
   */
  public List<String> reloadFromSource() {
    return reload(source.get());
  }

  /** The TLS files of a policy, which the gateway reloads by itself when they change. */
  private static List<java.nio.file.Path> tlsFiles(GatewayPolicy policy) {
    List<java.nio.file.Path> files = new java.util.ArrayList<>();
    if (policy.inboundTls().isPresent()) {
      InboundTls tls = policy.inboundTls().get();
      files.add(tls.certificate());
      files.add(tls.key());
      if (tls.clientCa().isPresent()) {
        files.add(tls.clientCa().get());
      }
    }
    return files;
  }

  /** The TLS files changed on disk: the running policy again, with the files as they are now. */
  private void reloadTlsFiles(List<java.nio.file.Path> changed) {
    System.Logger log = System.getLogger("dev.mailgateway.runtime");
    try {
      reload(wiring.policy());
      log.log(System.Logger.Level.INFO, "reloaded the TLS files " + changed + ", changed on disk");
    } catch (RuntimeException e) {
      log.log(System.Logger.Level.WARNING, "the TLS files " + changed + " changed on disk but do"
          + " not load, so the old ones stay in use (tried again when they change): " + e.getMessage());
    }
  }

  /**
   * The listener amavisd gives back what passes, as the image's {@code 127.0.0.1:10025} smtpd:
   * only loopback clients, relaying anywhere, no header checks, no signing (the mail was signed
   * before it left), no content filter (it was just scanned).
   */
  private static SmtpServer reinjectionServer(GatewayPolicy policy, ScannerEndpoint amavis,
      Intake plainCleanup, SessionLog refusals) {
    String where = amavis.reinjection().orElseThrow();
    InetSocketAddress address = new InetSocketAddress(ScannerEndpoint.hostOf(where),
        ScannerEndpoint.portOf(where));
    RelayPermission loopbackOnly = new RelayPermission(
        List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128")), List.of(), List.of(),
        Set.of(address.getAddress()));
    String hostname = policy.hostname().name();
    SessionPolicy sessions = new SessionPolicy(hostname, hostname + " ESMTP", loopbackOnly,
        SmtpLimits.fromPostfix(policy.postfixOverrides()), Optional.empty(), SecurityLevel.NONE,
        List.of(), Set.of());
    return SmtpServer.start(address, sessions, plainCleanup, refusals, sessionThreads());
  }

  private static Duration lifetime(Optional<PostfixDuration> configured) {
    return configured.isPresent() ? configured.get().toDuration() : DEFAULT_LIFETIME;
  }

  static Map<Fqdn, DkimSigner> signers(GatewayPolicy policy, Consumer<GeneratedKey> told) {
    Map<Fqdn, DkimSigner> signers = new LinkedHashMap<>();
    if (policy.dkim().isPresent()) {
      DkimSigning dkim = policy.dkim().get();
      DkimKeyStore store = DkimKeyStore.of(dkim);
      store.generateMissing().forEach(told);
      for (Fqdn domain : dkim.domains()) {
        signers.put(domain, store.signer(domain));
      }
    }
    return signers;
  }

  private static SessionPolicy sessionPolicy(GatewayPolicy policy, InetAddress listen) {
    List<Cidr> mynetworks = GatewayRenderer.forLayout(RenderLayout.system()).mynetworks(policy);
    RelayPermission relay = new RelayPermission(mynetworks, policy.relayDomains(),
        policy.destinations(), ownAddresses(listen));
    Optional<InboundTls> inbound = policy.inboundTls();
    // Only a policy with TLS touches the PEM and TLS code: it loads BouncyCastle, whose signed
    // jar costs a plain gateway's first start a few hundred milliseconds to verify.
    List<X509Certificate> cas = List.of();
    Optional<SSLContext> tls = Optional.empty();
    if (inbound.isPresent()) {
      InboundTls t = inbound.get();
      if (t.clientCa().isPresent()) {
        cas = Pem.readCertificates(t.clientCa().get());
      }
      tls = Optional.of(TlsContexts.server(CertifiedKey.read(t.certificate(), t.key()), cas,
          t.asksClientCertificate() ? ClientAuth.WANT : ClientAuth.NONE));
    }
    SmtpLimits limits = SmtpLimits.fromPostfix(policy.postfixOverrides());
    String hostname = policy.hostname().name();
    SecurityLevel level = SecurityLevel.NONE;
    Set<Fingerprint> fingerprints = new HashSet<>();
    if (inbound.isPresent()) {
      level = inbound.get().securityLevel();
      for (ClientFingerprint client : inbound.get().fingerprints()) {
        fingerprints.add(client.fingerprint());
      }
    }
    return new SessionPolicy(hostname, policy.effectiveBanner().replace("$myhostname", hostname),
        relay, limits, tls, level, cas, fingerprints, policy.upstreamProxy(),
        BareNewlines.fromPostfix(policy.postfixOverrides()));
  }

  private static SSLContext clientContext(OutboundTls tls) {
    Optional<CertifiedKey> identity = tls.certificate().isPresent() && tls.key().isPresent()
        ? Optional.of(CertifiedKey.read(tls.certificate().get(), tls.key().get()))
        : Optional.empty();
    return TlsContexts.client(identity, List.of());
  }

  /** The addresses an address literal may name to mean this gateway. */
  private static Set<InetAddress> ownAddresses(InetAddress listen) {
    if (!listen.isAnyLocalAddress()) {
      return Set.of(listen);
    }
    Set<InetAddress> all = new HashSet<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        all.addAll(Collections.list(nic.getInetAddresses()));
      }
    } catch (SocketException e) {
      throw new IllegalStateException("cannot read the network interfaces", e);
    }
    return all;
  }

  /** One thread per session: virtual threads where the JDK has them (21+), else platform ones. */
  private static ExecutorService sessionThreads() {
    try {
      return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    } catch (ReflectiveOperationException olderJdk) {
      return Executors.newCachedThreadPool(new DaemonThreads("smtp-session"));
    }
  }

  @Override
  public String submit(dev.mailgateway.api.MailEnvelope envelope, Content content)
      throws java.io.IOException {
    Wiring now = wiring;
    return new dev.mailgateway.runtime.receive.Pickup(now.cleanup(),
        now.sessions().limits().messageSize(), now.sessions().bareNewlines().refuses(true))
        .submit(envelope, content);
  }

  @Override
  public String host() {
    return server.address().getAddress().getHostAddress();
  }

  @Override
  public int port() {
    return server.address().getPort();
  }

  /**
   * Why the gateway is not ready for mail (a load balancer's readiness check): stopping, not
   * listening, the spool not writable, a scanner not answering, the certificate expired. Empty
   * when it is ready.
   */
  public List<String> readiness() {
    return readiness.problems(server.listening());
  }

  /** Reports not ready from now on, while still serving: the first step of stopping. */
  public void drain() {
    readiness.drain();
  }

  /**
   * What {@code gateway check} asks a running gateway: its readiness problems, one a line, and
   * {@code certificate FILE SHA-256} for the certificate it serves as it read it.
   */
  private List<String> status() {
    List<String> lines = new java.util.ArrayList<>(readiness());
    wiring.certificate().ifPresent(loaded -> lines.add("certificate " + loaded.file() + " "
        + dev.mailgateway.tls.Fingerprints.ofCertificate(loaded.certificate(),
            dev.mailgateway.api.Fingerprint.Digest.SHA256)));
    return lines;
  }

  /** What happened to messages so far, and a way to listen for more. */
  public GatewayEvents events() {
    return events;
  }

  /** The queue as the queue manager keeps it. */
  public Spool spool() {
    return spool;
  }

  @Override
  public QueueControl queue() {
    return queue;
  }

  /** Runs the due deliveries now, on the caller's thread. */
  public void deliverDue() throws IOException {
    delivery.runDue();
  }

  @Override
  public void close() {
    tlsFiles.close();
    if (control.isPresent()) {
      control.get().close();
    }
    server.stop(Duration.ofSeconds(10));
    if (reinjection.isPresent()) {
      reinjection.get().stop(Duration.ofSeconds(10));
    }
    delivery.close();
    spool.close();
  }
}
