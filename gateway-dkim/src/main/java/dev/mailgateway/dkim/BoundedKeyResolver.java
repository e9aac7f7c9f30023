package dev.mailgateway.dkim;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Key lookups for one message within one time budget: a name asked once however many
 * signatures name it, and a lookup still unanswered when the budget is spent a temporary
 * failure ({@code temperror}), so that a sender's slow DNS or a thousand signatures cannot hold
 * a session past its client's patience. Make one per message.
 */
public final class BoundedKeyResolver implements DkimKeyResolver {

  private static final ExecutorService LOOKUPS = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "dkim-key-lookup");
    thread.setDaemon(true);
    return thread;
  });

  private final DkimKeyResolver keys;
  private final long deadline;
  private final Map<String, Answer> answers = new HashMap<>();

  private record Answer(List<String> records, KeyLookupException failure) { }

  private BoundedKeyResolver(DkimKeyResolver keys, Duration budget) {
    this.keys = keys;
    this.deadline = System.nanoTime() + budget.toNanos();
  }

  /** Lookups through a resolver, all of them within the budget from now. */
  public static BoundedKeyResolver of(DkimKeyResolver keys, Duration budget) {
    return new BoundedKeyResolver(keys, budget);
  }

  @Override
  public List<String> lookup(String name) throws KeyLookupException {
    Answer answer = answers.computeIfAbsent(name.toLowerCase(java.util.Locale.ROOT), this::ask);
    if (answer.failure() != null) {
      throw answer.failure();
    }
    return answer.records();
  }

  private Answer ask(String name) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      return new Answer(List.of(), new KeyLookupException("no time left to look up " + name, true));
    }
    Future<List<String>> pending = LOOKUPS.submit(() -> keys.lookup(name));
    try {
      return new Answer(pending.get(left, TimeUnit.NANOSECONDS), null);
    } catch (TimeoutException e) {
      pending.cancel(true);
      return new Answer(List.of(), new KeyLookupException("the lookup of " + name + " timed out", true));
    } catch (ExecutionException e) {
      return new Answer(List.of(), e.getCause() instanceof KeyLookupException failed ? failed
          : new KeyLookupException("the lookup of " + name + " failed: " + e.getCause(), true));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(List.of(), new KeyLookupException("interrupted looking up " + name, true));
    }
  }
}
