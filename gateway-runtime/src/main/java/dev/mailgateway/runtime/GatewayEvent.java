package dev.mailgateway.runtime;

import java.time.Instant;

/**
 * Something that happened to a message, with its queue id: what Postfix logs, as data that tests
 * and applications can observe.
 *
 * @param time when
 * @param queueId the message's queue id
 * @param kind what happened
 * @param detail the particulars: next hop and reply, reason, header
 */
public record GatewayEvent(Instant time, String queueId, Kind kind, String detail) {

  /** The kinds of events. */
  public enum Kind {
    /** A command refused during the session (queue id NOQUEUE), such as a recipient. */
    REFUSED,
    /** Queued after DATA. */
    RECEIVED,
    /** Refused after DATA (header check, content). */
    REJECTED,
    /** Accepted and dropped on purpose (a DISCARD header check). */
    DISCARDED,
    /** Accepted, dropped, and a copy kept in the quarantine folder (spam or a virus). */
    QUARANTINED,
    /** A header check asked for a warning. */
    WARNED,
    /** DKIM-signed. */
    SIGNED,
    /** Delivered to recipients. */
    SENT,
    /** Delivery failed for now; will be retried. */
    DEFERRED,
    /** Given up; a bounce goes to the sender (unless it is a bounce). */
    BOUNCED
  }

  @Override
  public String toString() {
    return time + " " + queueId + ": " + kind.name().toLowerCase() + (detail.isEmpty() ? "" : ", " + detail);
  }
}
