package dev.mailgateway.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A message in a gateway's queue, as {@code mailq} and {@code postqueue -j} show it.
 *
 * @param id the queue id
 * @param state which of Postfix's queues it would be in
 * @param size the queued message's size in bytes, the header lines the gateway added included
 * @param arrival when it was queued
 * @param sender the envelope sender, empty for a bounce
 * @param recipients the recipients still to deliver to
 * @param reason why the last delivery attempt failed, when one did
 */
public record QueuedMessage(String id, State state, long size, Instant arrival, String sender,
    List<String> recipients, Optional<String> reason) {

  /** Copies the recipients. */
  public QueuedMessage {
    recipients = List.copyOf(recipients);
  }

  /** Postfix's queues, named as {@code postqueue -j} names them. */
  public enum State {
    /** Being delivered, or due and about to be ({@code *} in mailq). */
    ACTIVE,
    /** Waiting for its next attempt after a failed one. */
    DEFERRED,
    /** Held by an operator: not delivered until released ({@code !} in mailq). */
    HOLD;

    /** The name {@code postqueue -j} gives the queue: {@code active}, {@code deferred}, {@code hold}. */
    public String queueName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
