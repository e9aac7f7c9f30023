package dev.mailgateway.runtime.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.api.MailGateway;
import dev.mailgateway.api.NextHop;
import dev.mailgateway.runtime.GatewayEvents;
import dev.mailgateway.runtime.queue.MemorySpool;
import dev.mailgateway.runtime.queue.QueueEntry;
import dev.mailgateway.runtime.queue.QueuedContent;
import dev.mailgateway.runtime.queue.Spool;
import dev.mailgateway.runtime.receive.Mailbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DeliveryAgentTest {

  /** A next hop that takes its time over each message and notes whether it was interrupted. */
  static final class SlowNextHop implements NextHopClient {
    final CountDownLatch sending = new CountDownLatch(1);
    final AtomicBoolean interrupted = new AtomicBoolean();

    @Override
    public DeliveryResult send(NextHop nextHop, Optional<Mailbox> sender, List<Mailbox> recipients,
        QueuedContent content) {
      sending.countDown();
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
      while (System.nanoTime() < end) {
        if (Thread.currentThread().isInterrupted()) {
          interrupted.set(true);
        }
        Thread.onSpinWait();
      }
      return new DeliveryResult(recipients, List.of(), List.of(), "250 2.0.0 Ok");
    }
  }

  /** A next hop that counts how many attempts it has at once. */
  static final class CountingNextHop implements NextHopClient {
    final java.util.concurrent.atomic.AtomicInteger now = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public DeliveryResult send(NextHop nextHop, Optional<Mailbox> sender, List<Mailbox> recipients,
        QueuedContent content) {
      most.accumulateAndGet(now.incrementAndGet(), Math::max);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      now.decrementAndGet();
      sent.incrementAndGet();
      return new DeliveryResult(recipients, List.of(), List.of(), "250 2.0.0 Ok");
    }
  }

  private final Clock clock = Clock.systemUTC();
  private final MemorySpool spool = new MemorySpool(clock);

  private DeliveryAgent agent(NextHopClient nextHop) {
    DeliveryAgent agent = new DeliveryAgent("gateway.example.test", spool,
        new Router(MailGateway.policy().relayHost("[127.0.0.1]:2525").build()), nextHop,
        new GatewayEvents(clock), clock, Duration.ofDays(5), Duration.ofDays(5));
    agent.start();
    return agent;
  }

  private void queue(Optional<NextHop> contentFilter) throws IOException {
    try (Spool.Draft draft = spool.begin()) {
      draft.content().write("Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
      QueueEntry entry = QueueEntry.fresh(spool.newId(), Optional.of(new Mailbox("a", "example.com")),
          List.of(new Mailbox("b", "elsewhere.example")), clock.instant());
      draft.commit(contentFilter.map(entry::filteredBy).orElse(entry), "");
    }
  }

  @Test
  void theContentFilterGetsNoMoreAttemptsAtOnceThanAmavisHasChildren() throws Exception {
    CountingNextHop nextHop = new CountingNextHop();
    DeliveryAgent agent = agent(nextHop);
    for (int i = 0; i < 8; i++) {
      queue(Optional.of(NextHop.parse("[127.0.0.1]:10024")));
    }
    for (int i = 0; i < 100 && nextHop.sent.get() < 8; i++) {
      Thread.sleep(50);
    }
    agent.close();

    assertThat(nextHop.sent).hasValue(8);
    assertThat(nextHop.most.get()).isEqualTo(DeliveryAgent.CONTENT_FILTER_CONCURRENCY);
  }

  @Test
  void stoppingLetsTheAttemptUnderWayFinishUninterrupted() throws Exception {
    SlowNextHop nextHop = new SlowNextHop();
    DeliveryAgent agent = agent(nextHop);
    queue(Optional.empty());
    assertThat(nextHop.sending.await(5, TimeUnit.SECONDS)).isTrue();

    agent.close();

    assertThat(nextHop.interrupted).isFalse();
    assertThat(spool.entries()).isEmpty();
  }
}
