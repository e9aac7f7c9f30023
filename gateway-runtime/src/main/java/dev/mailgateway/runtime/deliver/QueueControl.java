package dev.mailgateway.runtime.deliver;

import dev.mailgateway.api.MailQueue;
import dev.mailgateway.api.QueuedMessage;
import dev.mailgateway.runtime.GatewayEvent;
import dev.mailgateway.runtime.GatewayEvents;
import dev.mailgateway.runtime.queue.QueueEntry;
import dev.mailgateway.runtime.queue.Spool;
import dev.mailgateway.runtime.receive.Mailbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The queue under an operator's hand, with the semantics of Postfix's queue tools: of a running
 * gateway, through its delivery agent (a change to a message being delivered waits for the
 * attempt's end), or of a stopped gateway's spool, directly.
 */
public final class QueueControl implements MailQueue {

  private final Spool spool;
  private final Optional<DeliveryAgent> agent;
  private final GatewayEvents events;
  private final Clock clock;

  private QueueControl(Spool spool, Optional<DeliveryAgent> agent, GatewayEvents events,
      Clock clock) {
    this.spool = spool;
    this.agent = agent;
    this.events = events;
    this.clock = clock;
  }

  /** The queue of a running gateway. */
  public static QueueControl of(Spool spool, DeliveryAgent agent, GatewayEvents events, Clock clock) {
    return new QueueControl(spool, Optional.of(agent), events, clock);
  }

  /** The queue of a stopped gateway's spool: what is changed is done at its next start. */
  public static QueueControl idle(Spool spool, GatewayEvents events, Clock clock) {
    return new QueueControl(spool, Optional.empty(), events, clock);
  }

  @Override
  public List<QueuedMessage> list() throws IOException {
    List<QueuedMessage> messages = new ArrayList<>();
    for (QueueEntry entry : spool.entries()) {
      long size;
      try {
        size = spool.size(entry.id());
      } catch (NoSuchFileException deliveredMeanwhile) {
        continue;
      }
      messages.add(new QueuedMessage(entry.id(), state(entry), size, entry.received(),
          entry.sender().map(Mailbox::toString).orElse(""),
          entry.recipients().stream().map(Mailbox::toString).toList(),
          entry.lastError().isEmpty() ? Optional.empty() : Optional.of(entry.lastError())));
    }
    return messages;
  }

  private QueuedMessage.State state(QueueEntry entry) {
    if (entry.held()) {
      return QueuedMessage.State.HOLD;
    }
    if (agent.map(a -> a.attempting(entry.id())).orElse(false) || entry.attempts() == 0) {
      return QueuedMessage.State.ACTIVE;
    }
    return QueuedMessage.State.DEFERRED;
  }

  @Override
  public InputStream content(String id) throws IOException {
    try {
      return spool.open(id);
    } catch (NoSuchFileException e) {
      throw new NoSuchElementException(id + ": no message with this queue id");
    }
  }

  @Override
  public int flush() throws IOException {
    return flush(entry -> true);
  }

  /**
   * Schedules for now the deferred messages with a recipient in a domain or below it: what
   * Postfix's flush daemon does for ETRN and {@code postqueue -s site}.
   *
   * @return how many were scheduled
   */
  public int flushSite(String domain) throws IOException {
    return flush(entry -> entry.recipients().stream().anyMatch(r -> r.isWithin(domain)));
  }

  private int flush(java.util.function.Predicate<QueueEntry> chosen) throws IOException {
    int flushed = 0;
    for (QueueEntry entry : spool.entries()) {
      if (entry.held() || entry.attempts() == 0 || !chosen.test(entry)) {
        continue;
      }
      QueueEntry due = entry.dueAt(clock.instant());
      if (agent.isPresent()) {
        agent.get().reschedule(due);
      } else {
        spool.update(due);
      }
      flushed++;
    }
    agent.ifPresent(DeliveryAgent::wake);
    return flushed;
  }

  @Override
  public List<String> delete(List<String> ids) throws IOException {
    return change(ids, entry -> {
      spool.remove(entry.id());
      agent.ifPresent(a -> a.holding(entry.id(), false));
      events.record(entry.id(), GatewayEvent.Kind.REMOVED, "removed");
      return null;
    });
  }

  @Override
  public List<String> hold(List<String> ids) throws IOException {
    return change(ids, entry -> {
      if (!entry.held()) {
        spool.update(entry.held(true, entry.nextAttempt()));
      }
      agent.ifPresent(a -> a.holding(entry.id(), true));
      return null;
    });
  }

  @Override
  public List<String> release(List<String> ids) throws IOException {
    return change(ids, entry -> {
      agent.ifPresent(a -> a.holding(entry.id(), false));
      if (entry.held()) {
        return entry.held(false, clock.instant());
      }
      return null;
    });
  }

  @Override
  public List<String> requeue(List<String> ids) throws IOException {
    return change(ids, entry -> entry.requeued(clock.instant()));
  }

  /**
   * Applies a change to each message named (or all): off the schedule, changed on disk, and back
   * on the schedule when the change returns the new entry to schedule. A message being
   * delivered is changed when the attempt ends, as what the attempt left.
   */
  private List<String> change(List<String> ids, IoFunction change) throws IOException {
    List<String> named = new ArrayList<>();
    if (ids.contains(ALL)) {
      spool.entries().forEach(e -> named.add(e.id()));
    } else {
      for (String id : ids.stream().distinct().toList()) {
        if (spool.entry(id).isPresent()) {
          named.add(id);
        }
      }
    }
    for (String id : named) {
      Runnable apply = () -> {
        try {
          Optional<QueueEntry> now = spool.entry(id);
          if (now.isEmpty()) {
            return;
          }
          agent.ifPresent(a -> a.unschedule(id));
          QueueEntry scheduled = change.apply(now.get());
          if (scheduled != null) {
            spool.update(scheduled);
            agent.ifPresent(a -> a.reschedule(scheduled));
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      };
      try {
        if (agent.isPresent()) {
          agent.get().whenIdle(id, apply);
        } else {
          apply.run();
        }
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
    return named;
  }


  /** A change of an entry: the entry to write and schedule, or null when it did its own. */
  @FunctionalInterface
  private interface IoFunction {
    QueueEntry apply(QueueEntry entry) throws IOException;
  }
}
