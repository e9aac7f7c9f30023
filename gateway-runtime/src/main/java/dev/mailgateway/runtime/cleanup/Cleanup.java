package dev.mailgateway.runtime.cleanup;

import dev.mailgateway.api.ContentFilter;
import dev.mailgateway.api.Fqdn;
import dev.mailgateway.api.HeaderCheck;
import dev.mailgateway.dkim.DkimSigner;
import dev.mailgateway.runtime.GatewayEvent;
import dev.mailgateway.runtime.GatewayEvents;
import dev.mailgateway.runtime.MessageDates;
import dev.mailgateway.runtime.queue.QueueEntry;
import dev.mailgateway.runtime.queue.Spool;
import dev.mailgateway.runtime.receive.Envelope;
import dev.mailgateway.runtime.receive.Intake;
import dev.mailgateway.runtime.receive.Mailbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The cleanup stage: header checks with Postfix's {@code regexp:} table semantics (each header is
 * matched against the rules in order, the first match acts), the Received header, DKIM signing
 * of trusted clients' mail for the policy's domains, then the queue.
 *
 * <p>Header checks that change headers (IGNORE, STRIP, REPLACE, PREPEND) rewrite the header
 * block before signing. BCC, FILTER and REDIRECT are not applied by the runtime: each match is
 * logged as a warning event rather than passed over in silence.
 */
public final class Cleanup implements Intake {


  private final String hostname;
  private final List<HeaderCheck> headerChecks;
  private final List<Pattern> compiled;
  private final Map<Fqdn, DkimSigner> signers;
  private final Spool spool;
  private final GatewayEvents events;
  private final Clock clock;
  private final ContentFiltering filtering;
  private final ContentFilter levels;
  private final Quarantine quarantine;
  private final Optional<AuthenticationResults> verification;

  /**
   * A cleanup stage with no content filtering.
   *
   * @param signers the DKIM signer of each signing domain
   */
  public Cleanup(String hostname, List<HeaderCheck> headerChecks, Map<Fqdn, DkimSigner> signers,
      Spool spool, GatewayEvents events, Clock clock) {
    this(hostname, headerChecks, signers, spool, events, clock, ContentFiltering.none());
  }

  /**
   * A cleanup stage that filters content: hands every message to a content scanner and acts on
   * its report with the policy's levels and destinies, or queues it for amavisd first.
   */
  public Cleanup(String hostname, List<HeaderCheck> headerChecks, Map<Fqdn, DkimSigner> signers,
      Spool spool, GatewayEvents events, Clock clock, ContentFiltering filtering) {
    this(hostname, headerChecks, signers, spool, events, clock, filtering, Optional.empty());
  }

  /**
   * A cleanup stage that also verifies the DKIM signatures of the mail it does not sign, as the
   * rendered OpenDKIM does.
   */
  public Cleanup(String hostname, List<HeaderCheck> headerChecks, Map<Fqdn, DkimSigner> signers,
      Spool spool, GatewayEvents events, Clock clock, ContentFiltering filtering,
      Optional<AuthenticationResults> verification) {
    this.verification = verification;
    this.filtering = filtering;
    this.levels = filtering.policy();
    this.quarantine = new Quarantine(levels.quarantineDirectory());
    this.hostname = hostname;
    this.headerChecks = List.copyOf(headerChecks);
    List<Pattern> patterns = new ArrayList<>();
    for (HeaderCheck check : headerChecks) {
      patterns.add(check.compiledPattern());
    }
    this.compiled = List.copyOf(patterns);
    this.signers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(signers));
    this.spool = spool;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public Incoming begin() throws IOException {
    Spool.Draft draft = spool.begin();
    long[] size = {0};
    return new Incoming() {
      @Override
      public OutputStream content() {
        // The session closes what it wrote into when DATA ends; the draft stays open for cleanup.
        return new java.io.FilterOutputStream(draft.content()) {
          @Override
          public void write(int b) throws IOException {
            out.write(b);
            size[0]++;
          }

          @Override
          public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            size[0] += length;
          }

          @Override
          public void close() throws IOException {
            flush();
          }
        };
      }

      @Override
      public Verdict finish(Envelope envelope) throws IOException {
        return cleanup(draft, size[0], envelope);
      }

      @Override
      public void close() throws IOException {
        draft.close();
      }
    };
  }

  private Verdict cleanup(Spool.Draft draft, long size, Envelope envelope) throws IOException {
    String id = spool.newId();
    MessageHeaders headers;
    try (InputStream content = draft.written()) {
      headers = MessageHeaders.read(content);
    }
    List<String> rewritten = new ArrayList<>();
    boolean changed = false;
    for (String header : headers.lines()) {
      Optional<HeaderCheck> rule = firstMatch(header);
      if (rule.isEmpty()) {
        rewritten.add(header);
        continue;
      }
      HeaderCheck check = rule.get();
      String shown = header.length() > 100 ? header.substring(0, 100) + "..." : header;
      switch (check.action()) {
        case "REJECT" -> {
          String text = check.text().isEmpty() ? "Message content rejected" : check.text();
          events.record(id, GatewayEvent.Kind.REJECTED, "header " + shown,
              headerAction("reject", shown, envelope, "5.7.1 " + text));
          return Verdict.refused("550 5.7.1 " + text);
        }
        case "DISCARD" -> {
          events.record(id, GatewayEvent.Kind.DISCARDED, "header " + shown,
              headerAction("discard", shown, envelope, check.text()));
          return Verdict.queued(id);
        }
        case "IGNORE", "STRIP" -> changed = true;
        case "REPLACE" -> {
          rewritten.add(check.text());
          changed = true;
        }
        case "PREPEND" -> {
          rewritten.add(check.text());
          rewritten.add(header);
          changed = true;
        }
        case "DUNNO", "OK", "PASS" -> rewritten.add(header);
        case "WARN", "INFO", "HOLD" -> {
          String action = check.action().equals("WARN") ? "warning"
              : check.action().toLowerCase(Locale.ROOT);
          events.record(id, GatewayEvent.Kind.WARNED, check.action().toLowerCase(Locale.ROOT)
              + ": header " + shown + (check.text().isEmpty() ? "" : ": " + check.text()),
              headerAction(action, shown, envelope, check.text()));
          rewritten.add(header);
        }
        default -> {
          events.record(id, GatewayEvent.Kind.WARNED, check.action()
              + " is not applied by the runtime: header " + shown);
          rewritten.add(header);
        }
      }
    }
    Findings found = new Findings(Optional.empty(), List.of());
    if (verification.isPresent() && !signs(envelope, headers)) {
      int before = rewritten.size();
      List<String> results = verify(id, draft, rewritten);
      changed |= !results.isEmpty() || rewritten.size() != before;
      found = new Findings(Optional.empty(), results);
    }
    if (!filtering.scansInProcess()) {
      return queue(draft, id, headers, rewritten, changed, envelope, size, found);
    }
    Optional<Verdicts> scanned = scan(id, draft, size, envelope);
    if (scanned.isEmpty()) {
      return Verdict.refused("451 4.7.1 Service unavailable - try again later");
    }
    Verdicts verdicts = scanned.get();
    ContentVerdict verdict = verdicts.forAny();
    switch (verdict.destiny()) {
      case DISCARD -> {
        events.record(id, GatewayEvent.Kind.DISCARDED, verdict.reason(),
            scanned(verdict, envelope, size, headers, ""));
        return Verdict.queued(id);
      }
      case QUARANTINE -> {
        try (InputStream content = draft.written()) {
          Path kept = quarantine.keep(verdict.category(), id, envelope, content);
          Map<String, String> fields = scanned(verdict, envelope, size, headers, "");
          fields.put("quarantine", kept.getFileName().toString());
          events.record(id, GatewayEvent.Kind.QUARANTINED, verdict.reason() + ", kept as " + kept,
              fields);
        }
        return Verdict.queued(id);
      }
      case REJECT -> {
        String reply = "554 5.7.1 Rejected: " + verdict.reason();
        events.record(id, GatewayEvent.Kind.REJECTED, verdict.reason(),
            scanned(verdict, envelope, size, headers, reply.substring(4)));
        return Verdict.refused(reply);
      }
      case PASS -> {
        events.record(id, GatewayEvent.Kind.SCANNED, verdict.reason(),
            scanned(verdict, envelope, size, headers, ""));
        if (verdicts.split()) {
          // As Amavis does: the local recipients' copy is marked, the others' is not.
          try (Spool.Draft copy = spool.begin()) {
            try (InputStream content = draft.written()) {
              content.transferTo(copy.content());
            }
            copy.content().flush();
            queue(copy, spool.newId(), headers, marked(rewritten, verdicts.others()), true,
                envelope.forRecipients(verdicts.otherRecipients()), size,
                found.scanned(verdicts.others()));
          }
          return queue(draft, id, headers, marked(rewritten, verdicts.local()), true,
              envelope.forRecipients(verdicts.localRecipients()), size,
              found.scanned(verdicts.local()));
        }
        boolean marks = !verdict.headers().isEmpty() || verdict.subjectTag();
        return queue(draft, id, headers, marks ? marked(rewritten, verdict) : rewritten,
            changed || marks, envelope, size, found.scanned(verdict));
      }
      default -> throw new IllegalStateException("no such destiny: " + verdict.destiny());
    }
  }

  /** The header block with a passing verdict's headers in front and its subject tag. */
  private static List<String> marked(List<String> rewritten, ContentVerdict verdict) {
    List<String> lines = new ArrayList<>(verdict.headers());
    for (String header : rewritten) {
      lines.add(verdict.subjectTag() && header.regionMatches(true, 0, "Subject:", 0, 8)
          ? "Subject: " + ContentVerdict.SPAM_SUBJECT_TAG + header.substring(8).stripLeading()
          : header);
    }
    return lines;
  }

  /**
   * Signs and queues a message for the envelope's recipients, with its header block rewritten
   * when {@code changed}.
   */
  private Verdict queue(Spool.Draft draft, String id, MessageHeaders headers, List<String> rewritten,
      boolean changed, Envelope envelope, long size, Findings found)
      throws IOException {
    if (changed && headers.length() < 0) {
      events.record(id, GatewayEvent.Kind.WARNED, "the header block is longer than "
          + MessageHeaders.LIMIT + " bytes; header checks that change headers were not applied");
      changed = false;
    }
    String newHeader = changed ? String.join("\r\n", rewritten).replace("\r\n", "\n")
        .replace("\n", "\r\n") + "\r\n\r\n" : "";
    long skip = changed ? headers.length() : 0;
    StringBuilder lines = new StringBuilder();
    if (envelope.authenticated()) {
      Optional<DkimSigner> signer = headers.fromDomain().flatMap(this::signerFor);
      if (signer.isPresent()) {
        try (InputStream body = draft.written()) {
          body.skipNBytes(skip);
          InputStream content = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(
              newHeader.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)), body);
          List<String> signatures = signer.get().sign(content);
          signatures.forEach(lines::append);
          String domain = headers.fromDomain().orElseThrow();
          for (String selector : signer.get().selectors()) {
            events.record(id, GatewayEvent.Kind.SIGNED, "d=" + domain,
                GatewayEvents.fields("s", selector, "d", domain));
          }
        }
      }
    }
    lines.append(received(id, envelope)).append(newHeader);
    QueueEntry entry = QueueEntry.fresh(id, envelope.sender(), envelope.recipients(), clock.instant())
        .with(attributes(envelope, found));
    draft.commit(filtering.afterQueue().map(entry::filteredBy).orElse(entry), lines.toString(), skip);
    long queued = lines.length() + newHeader.length() + size - skip;
    Map<String, String> fields = GatewayEvents.fields("client", GatewayEvents.client(envelope.client()),
        "message-id", headers.messageId().orElse(""), "from", envelope.senderPath(),
        "size", Long.toString(queued), "nrcpt", Integer.toString(envelope.recipients().size()),
        "helo", envelope.helo());
    if (envelope.submitted()) {
      fields.put("submitted", "yes");
    }
    events.record(id, GatewayEvent.Kind.RECEIVED, "from=" + envelope.senderPath() + ", nrcpt="
        + envelope.recipients().size() + ", client=" + envelope.client().getHostAddress(), fields);
    return Verdict.queued(id);
  }

  /**
   * The scanner's verdicts. When it cannot decide: nothing, for a temporary refusal (as Postfix
   * gives when Amavis is down), or a pass when the policy fails open.
   */
  private Optional<Verdicts> scan(String id, Spool.Draft draft, long size, Envelope envelope)
      throws IOException {
    MessageContent content = new MessageContent() {
      @Override
      public long size() {
        return size;
      }

      @Override
      public InputStream open() throws IOException {
        return draft.written();
      }
    };
    List<Mailbox> local = envelope.recipients().stream().filter(this::isLocal).toList();
    List<Mailbox> others = envelope.recipients().stream().filter(r -> !isLocal(r)).toList();
    try {
      ScanReport report = filtering.scanner().orElseThrow().scan(content);
      return Optional.of(new Verdicts(ContentVerdict.of(levels, report, hostname, true), local,
          ContentVerdict.of(levels, report, hostname, false), others));
    } catch (IOException e) {
      if (!levels.failOpen()) {
        Map<String, String> fields = origin(envelope);
        fields.put("reply", "4.7.1 Service unavailable - try again later");
        events.record(id, GatewayEvent.Kind.REJECTED, "content scanner unavailable: " + e.getMessage(),
            fields);
        return Optional.empty();
      }
      ContentVerdict unscanned = ContentVerdict.unscanned(String.valueOf(e.getMessage()));
      Map<String, String> fields = origin(envelope);
      fields.put("warning", unscanned.reason());
      events.record(id, GatewayEvent.Kind.WARNED, unscanned.reason(), fields);
      return Optional.of(new Verdicts(unscanned, local, unscanned, others));
    }
  }

  /** A recipient Amavis would mark spam for ({@code @local_domains_acl}). */
  private boolean isLocal(Mailbox recipient) {
    return recipient.isWithin(hostname)
        || filtering.localDomains().stream().anyMatch(d -> recipient.isWithin(d.name()));
  }

  /**
   * The verdicts on one scan for the local recipients and for the others: the same destiny, but
   * only the first are marked as spam.
   */
  private record Verdicts(ContentVerdict local, List<Mailbox> localRecipients,
      ContentVerdict others, List<Mailbox> otherRecipients) {

    /** The verdict whose destiny applies to the whole message. */
    ContentVerdict forAny() {
      return localRecipients.isEmpty() ? others : local;
    }

    /** Whether the two groups get different copies: both exist and only one is marked. */
    boolean split() {
      return !localRecipients.isEmpty() && !otherRecipients.isEmpty()
          && (!local.headers().equals(others.headers()) || local.subjectTag() != others.subjectTag());
    }
  }

  /**
   * Where a message came from, as Postfix's cleanup writes it after an action: the client, the
   * sender, the first recipient, the protocol and the HELO name.
   */
  private static Map<String, String> origin(Envelope envelope) {
    return GatewayEvents.fields("client", GatewayEvents.client(envelope.client()),
        "from", envelope.senderPath(), "to", "<" + envelope.recipients().get(0) + ">",
        "proto", "ESMTP", "helo", "<" + envelope.helo() + ">");
  }

  /** A header check's action, as cleanup logs it: the action, the header, the origin, the text. */
  private static Map<String, String> headerAction(String action, String header, Envelope envelope,
      String text) {
    Map<String, String> fields = origin(envelope);
    fields.put("action", action);
    fields.put("header", header.replace("\n", " "));
    fields.put("text", text);
    return fields;
  }

  /** A content filter's verdict, with what Amavis logs of the message beside it. */
  private static Map<String, String> scanned(ContentVerdict verdict, Envelope envelope, long size,
      MessageHeaders headers, String reply) {
    Map<String, String> fields = origin(envelope);
    fields.put("to", String.join(",", envelope.recipients().stream().map(r -> "<" + r + ">").toList()));
    fields.put("category", verdict.category());
    fields.put("verdict", verdict.verdict());
    fields.put("destiny", verdict.destiny().name().toLowerCase(Locale.ROOT));
    fields.put("reason", verdict.reason());
    fields.put("message-id", headers.messageId().orElse(""));
    fields.put("size", Long.toString(size));
    if (!reply.isEmpty()) {
      fields.put("reply", reply);
    }
    return fields;
  }

  private Optional<HeaderCheck> firstMatch(String header) {
    for (int i = 0; i < headerChecks.size(); i++) {
      boolean found = compiled.get(i).matcher(header).find();
      if (found != headerChecks.get(i).negated()) {
        return Optional.of(headerChecks.get(i));
      }
    }
    return Optional.empty();
  }

  /** The signer of the first signing domain, in the policy's order, that is or holds the domain. */
  private Optional<DkimSigner> signerFor(String domain) {
    for (Map.Entry<Fqdn, DkimSigner> signing : signers.entrySet()) {
      if (signing.getKey().holds(domain)) {
        return Optional.of(signing.getValue());
      }
    }
    return Optional.empty();
  }

  /** Whether the message is one this gateway signs, which OpenDKIM signs rather than verifies. */
  private boolean signs(Envelope envelope, MessageHeaders headers) {
    return envelope.authenticated() && headers.fromDomain().flatMap(this::signerFor).isPresent();
  }

  /**
   * Verifies the message's signatures: drops the Authentication-Results fields forged in the
   * gateway's name and puts its own on top.
   *
   * @return each signature's result as RFC 8601 writes it ({@code dkim=pass header.d=...});
   *     empty for an unsigned message
   */
  private List<String> verify(String id, Spool.Draft draft, List<String> rewritten)
      throws IOException {
    AuthenticationResults check = verification.orElseThrow();
    rewritten.removeIf(check::claimsToBeOurs);
    List<dev.mailgateway.dkim.DkimResult> results;
    try (InputStream content = draft.written()) {
      results = check.verify(content);
    }
    Optional<String> field = check.field(results);
    if (field.isEmpty()) {
      return List.of();
    }
    rewritten.add(0, field.get());
    for (dev.mailgateway.dkim.DkimResult result : results) {
      events.record(id, GatewayEvent.Kind.VERIFIED, result.resultInfo(), GatewayEvents.fields(
          "result", result.status().token(), "d", result.domain().orElse(""),
          "s", result.selector().orElse(""), "reason", result.reason()));
    }
    return results.stream().map(dev.mailgateway.dkim.DkimResult::resultInfo).toList();
  }

  /**
   * What cleanup found out about a message, kept in the queue for an application's handler.
   *
   * @param scan the content scanner's verdict, if it scanned
   * @param dkim each inbound signature's result, if it verified
   */
  private record Findings(Optional<ContentVerdict> scan, List<String> dkim) {

    Findings scanned(ContentVerdict verdict) {
      return new Findings(Optional.of(verdict), dkim);
    }
  }

  /** What the queue keeps of how the message came in, for an application's mail handler. */
  private static Map<String, String> attributes(Envelope envelope, Findings found) {
    Map<String, String> attributes = new LinkedHashMap<>();
    if (!envelope.submitted()) {
      attributes.put("client_address", envelope.client().getHostAddress());
    }
    envelope.certificate().ifPresent(f -> attributes.put("ccert_fingerprint", f));
    found.scan().ifPresent(v -> attributes.put("content_verdict", v.verdict()));
    if (!found.dkim().isEmpty()) {
      // One line in the queue file: results are separated as in Authentication-Results.
      attributes.put("dkim_results", String.join("; ", found.dkim()));
    }
    return attributes;
  }

  private String received(String id, Envelope envelope) {
    String recipient = envelope.recipients().size() == 1
        ? "\r\n\tfor <" + envelope.recipients().get(0) + ">" : "";
    if (envelope.submitted()) {
      // As Postfix's pickup writes it for sendmail's mail: by whom, no client.
      return "Received: by " + hostname + " (Mail Gateway Toolkit, from the application)\r\n"
          + "\tid " + id + recipient + ";\r\n\t" + MessageDates.format(clock.instant()) + "\r\n";
    }
    return "Received: from " + envelope.helo() + " ([" + envelope.client().getHostAddress() + "])\r\n"
        + "\tby " + hostname + " (Mail Gateway Toolkit) with " + (envelope.tls() ? "ESMTPS" : "ESMTP")
        + " id " + id + recipient + ";\r\n\t"
        + MessageDates.format(clock.instant()) + "\r\n";
  }
}
