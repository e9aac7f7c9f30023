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

  @Test
  void stoppingLetsTheAttemptUnderWayFinishUninterrupted() throws Exception {
    Clock clock = Clock.systemUTC();
    MemorySpool spool = new MemorySpool(clock);
    SlowNextHop nextHop = new SlowNextHop();
    DeliveryAgent agent = new DeliveryAgent("gateway.example.test", spool,
        new Router(MailGateway.policy().relayHost("[127.0.0.1]:2525").build()), nextHop,
        new GatewayEvents(clock), clock, Duration.ofDays(5), Duration.ofDays(5));
    agent.start();
    try (Spool.Draft draft = spool.begin()) {
      draft.content().write("Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
      draft.commit(QueueEntry.fresh(spool.newId(), Optional.of(new Mailbox("a", "example.com")),
          List.of(new Mailbox("b", "elsewhere.example")), clock.instant()), "");
    }
    assertThat(nextHop.sending.await(5, TimeUnit.SECONDS)).isTrue();

    agent.close();

    assertThat(nextHop.interrupted).isFalse();
    assertThat(spool.entries()).isEmpty();
  }
}
