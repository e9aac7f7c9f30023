package dev.mailgateway.runtime.queue;

import dev.mailgateway.api.NextHop;
import dev.mailgateway.runtime.receive.Mailbox;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A queued message's envelope and delivery state.
 *
 * @param id the queue id
 * @param sender the envelope sender, empty for a bounce
 * @param recipients the recipients still to deliver to
 * @param received when it was queued
 * @param attempts how many delivery attempts were made
 * @param nextAttempt when to try next
 * @param lastError why the last attempt failed, or empty
 * @param contentFilter the content filter every recipient goes to first, as Postfix records
 *     {@code content_filter} in the queue file: amavisd, which re-injects what passes
 * @param held whether an operator holds it: not delivered until released
 * @param attributes what cleanup found, by Postfix's attribute names: {@code client_address},
 *     {@code ccert_fingerprint}, {@code content_verdict}
 */
public record QueueEntry(String id, Optional<Mailbox> sender, List<Mailbox> recipients,
    Instant received, int attempts, Instant nextAttempt, String lastError,
    Optional<NextHop> contentFilter, boolean held, Map<String, String> attributes) {

  /** The order of the queue as {@code mailq} lists it: oldest first, then by queue id. */
  public static final java.util.Comparator<QueueEntry> BY_ARRIVAL = (a, b) -> {
    int order = a.received().compareTo(b.received());
    return order != 0 ? order : a.id().compareTo(b.id());
  };

  /** The order of the delivery schedule: due first, then by queue id. */
  public static final java.util.Comparator<QueueEntry> BY_NEXT_ATTEMPT = (a, b) -> {
    int order = a.nextAttempt().compareTo(b.nextAttempt());
    return order != 0 ? order : a.id().compareTo(b.id());
  };

  /** Copies the recipients and the attributes. */
  public QueueEntry {
    recipients = List.copyOf(recipients);
    attributes = Map.copyOf(attributes);
  }

  /** The same entry with these attributes. */
  public QueueEntry with(Map<String, String> more) {
    Map<String, String> all = new java.util.TreeMap<>(attributes);
    all.putAll(more);
    return new QueueEntry(id, sender, recipients, received, attempts, nextAttempt, lastError,
        contentFilter, held, all);
  }

  /** A new entry, due at once. */
  public static QueueEntry fresh(String id, Optional<Mailbox> sender, List<Mailbox> recipients,
      Instant now) {
    return new QueueEntry(id, sender, recipients, now, 0, now, "", Optional.empty(), false,
        Map.of());
  }

  /** The same entry going to a content filter first. */
  public QueueEntry filteredBy(NextHop filter) {
    return new QueueEntry(id, sender, recipients, received, attempts, nextAttempt, lastError,
        Optional.of(filter), held, attributes);
  }

  /** The entry after a failed attempt, with what is left and when to try again. */
  public QueueEntry deferred(List<Mailbox> left, Instant next, String error) {
    return new QueueEntry(id, sender, left, received, attempts + 1, next, error, contentFilter,
        held, attributes);
  }

  /** The same entry held, or released and due at a time. */
  public QueueEntry held(boolean hold, Instant due) {
    return new QueueEntry(id, sender, recipients, received, attempts, hold ? nextAttempt : due,
        lastError, contentFilter, hold, attributes);
  }

  /** The same entry due at a time. */
  public QueueEntry dueAt(Instant due) {
    return new QueueEntry(id, sender, recipients, received, attempts, due, lastError,
        contentFilter, held, attributes);
  }

  /** The entry put back as if new ({@code postsuper -r}): due at a time, its history forgotten. */
  public QueueEntry requeued(Instant due) {
    return new QueueEntry(id, sender, recipients, received, 0, due, "", contentFilter, held, attributes);
  }
}
