package dev.mailgateway.runtime;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Something that happened to a session or a message: what Postfix logs, as data that tests,
 * applications, the mail log and the meters observe.
 *
 * @param time when
 * @param queueId the message's queue id; {@code NOQUEUE} for a refusal before there is one, and
 *     empty for a session's connect and disconnect
 * @param kind what happened
 * @param detail the particulars in words: next hop and reply, reason, header
 * @param fields the particulars as data, in a stable order, named as Postfix names them in its
 *     log where it has a name ({@code client}, {@code from}, {@code to}, {@code relay}, {@code
 *     delay}, {@code delays}, {@code dsn}, {@code status}, {@code size}, {@code nrcpt}, {@code
 *     helo}, {@code proto}, {@code message-id}); what the event has no value for is absent
 */
public record GatewayEvent(Instant time, String queueId, Kind kind, String detail,
    Map<String, String> fields) {

  /** Keeps the fields in their order, unmodifiable. */
  public GatewayEvent {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** An event with its particulars in words only. */
  public GatewayEvent(Instant time, String queueId, Kind kind, String detail) {
    this(time, queueId, kind, detail, Map.of());
  }

  /** A field's value, or the empty string. */
  public String field(String name) {
    return fields.getOrDefault(name, "");
  }

  /** The kinds of events. */
  public enum Kind {
    /** A client connected (Postfix smtpd's {@code connect from}). */
    CONNECTED,
    /** A client's session ended, with the count of its commands ({@code disconnect from}). */
    DISCONNECTED,
    /** A command refused during the session by a restriction (queue id NOQUEUE), such as a recipient. */
    REFUSED,
    /**
     * A limit or a TLS requirement turned a client or a command away (fields {@code reason}:
     * {@code limits} or {@code tls}; {@code limit}: the Postfix parameter, such as {@code
     * smtpd_hard_error_limit}; {@code reply}).
     */
    TURNED_AWAY,
    /** Queued after DATA. */
    RECEIVED,
    /** Refused after DATA (header check, content). */
    REJECTED,
    /** Accepted and dropped on purpose (a DISCARD header check). */
    DISCARDED,
    /** Accepted, dropped, and a copy kept in the quarantine folder (spam or a virus). */
    QUARANTINED,
    /** Scanned by the content filter and passed, clean or marked. */
    SCANNED,
    /** A header check asked for a warning. */
    WARNED,
    /** DKIM-signed. */
    SIGNED,
    /**
     * A DKIM signature of an inbound message verified, one event each (fields {@code result}:
     * pass, fail, temperror or permerror; {@code d}, {@code s}, {@code reason}).
     */
    VERIFIED,
    /** Delivered to a recipient. */
    SENT,
    /** Delivery to a recipient failed for now; will be retried. */
    DEFERRED,
    /** Given up on a recipient; a bounce goes to the sender (unless it is a bounce). */
    BOUNCED,
    /** A delivery status notification (a bounce) was queued for the sender. */
    NOTIFIED,
    /** The message is done with and gone from the queue. */
    REMOVED
  }

  @Override
  public String toString() {
    return time + " " + queueId + ": " + kind.name().toLowerCase(java.util.Locale.ROOT)
        + (detail.isEmpty() ? "" : ", " + detail);
  }
}
