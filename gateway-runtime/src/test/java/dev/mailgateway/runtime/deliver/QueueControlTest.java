package dev.mailgateway.runtime.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgateway.api.MailGateway;
import dev.mailgateway.api.MailQueue;
import dev.mailgateway.api.NextHop;
import dev.mailgateway.api.QueuedMessage;
import dev.mailgateway.runtime.GatewayEvent;
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
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueueControlTest {

  /** A next hop that answers 4xx, after waiting to be let go when asked to. */
  static final class RefusingNextHop implements NextHopClient {
    final CountDownLatch sending = new CountDownLatch(1);
    final CountDownLatch letGo = new CountDownLatch(1);
    volatile int attempts;

    @Override
    public DeliveryResult send(NextHop nextHop, Optional<Mailbox> sender, List<Mailbox> recipients,
        QueuedContent content) {
      attempts++;
      sending.countDown();
      try {
        letGo.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new DeliveryResult(List.of(), recipients, List.of(), "451 4.3.0 try later");
    }
  }

  private final Clock clock = Clock.systemUTC();
  private final MemorySpool spool = new MemorySpool(clock);
  private final GatewayEvents events = new GatewayEvents(clock);
  private final RefusingNextHop nextHop = new RefusingNextHop();
  private DeliveryAgent agent;

  private QueueControl running() {
    agent = new DeliveryAgent("gateway.example.test", spool,
        new Router(MailGateway.policy().relayHost("[127.0.0.1]:2525").build()), nextHop, events,
        clock, Duration.ofDays(5), Duration.ofDays(5));
    agent.start();
    return QueueControl.of(spool, agent, events, clock);
  }

  @AfterEach
  void stop() {
    nextHop.letGo.countDown();
    if (agent != null) {
      agent.close();
    }
  }

  private String queue() throws IOException {
    String id = spool.newId();
    try (Spool.Draft draft = spool.begin()) {
      draft.content().write("Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
      draft.content().flush();
      draft.commit(QueueEntry.fresh(id, Optional.of(new Mailbox("a", "example.com")),
          List.of(new Mailbox("b", "elsewhere.example")), clock.instant()), "");
    }
    return id;
  }

  @Test
  void aHoldAskedForDuringAnAttemptTakesEffectWhenItEnds() throws Exception {
    MailQueue queue = running();
    String id = queue();
    assertThat(nextHop.sending.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(queue.hold(List.of(id))).containsExactly(id);
    assertThat(queue.list()).singleElement().extracting(QueuedMessage::state)
        .isEqualTo(QueuedMessage.State.ACTIVE);
    nextHop.letGo.countDown();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!spool.entry(id).orElseThrow().held() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(queue.list()).singleElement().satisfies(message -> {
      assertThat(message.state()).isEqualTo(QueuedMessage.State.HOLD);
      assertThat(message.reason()).contains("451 4.3.0 try later");
    });
    assertThat(queue.flush()).isZero();
  }

  @Test
  void aDeletedMessageIsLoggedRemoved() throws Exception {
    MailQueue queue = QueueControl.idle(spool, events, clock);
    String id = queue();

    assertThat(queue.delete(List.of(MailQueue.ALL))).containsExactly(id);

    assertThat(queue.list()).isEmpty();
    assertThat(events.all()).anySatisfy(e -> {
      assertThat(e.kind()).isEqualTo(GatewayEvent.Kind.REMOVED);
      assertThat(e.queueId()).isEqualTo(id);
    });
  }

  @Test
  void idsNotInTheQueueArePassedOver() throws Exception {
    MailQueue queue = QueueControl.idle(spool, events, clock);
    String id = queue();

    assertThat(queue.hold(List.of("ABC", id, "../../etc/passwd"))).containsExactly(id);
  }

  @Test
  void theContentOfAnUnknownIdIsNoSuchElement() {
    MailQueue queue = QueueControl.idle(spool, events, clock);

    assertThatThrownBy(() -> queue.content("ABC")).isInstanceOf(NoSuchElementException.class)
        .hasMessage("ABC: no message with this queue id");
  }

  @Test
  void aRequeuedMessageForgetsItsAttempts() throws Exception {
    MailQueue queue = QueueControl.idle(spool, events, clock);
    String id = queue();
    QueueEntry entry = spool.entry(id).orElseThrow();
    spool.update(entry.deferred(entry.recipients(), clock.instant().plusSeconds(600), "451 later"));

    queue.requeue(List.of(id));

    assertThat(spool.entry(id).orElseThrow()).satisfies(requeued -> {
      assertThat(requeued.attempts()).isZero();
      assertThat(requeued.lastError()).isEmpty();
      assertThat(requeued.nextAttempt()).isBeforeOrEqualTo(clock.instant());
    });
  }
}
