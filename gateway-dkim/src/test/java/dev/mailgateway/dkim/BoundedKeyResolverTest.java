package dev.mailgateway.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedKeyResolverTest {

  @Test
  void aNameIsAskedOnceHoweverManySignaturesNameIt() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    BoundedKeyResolver keys = BoundedKeyResolver.of(name -> {
      asked.incrementAndGet();
      return List.of("v=DKIM1; p=");
    }, Duration.ofSeconds(5));

    for (int i = 0; i < 1000; i++) {
      keys.lookup("s._domainkey.example.com");
    }

    assertThat(asked).hasValue(1);
  }

  @Test
  void aLookupUnansweredWithinTheBudgetIsATemporaryFailure() {
    CountDownLatch never = new CountDownLatch(1);
    BoundedKeyResolver keys = BoundedKeyResolver.of(name -> {
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return List.of();
    }, Duration.ofMillis(200));

    assertThatThrownBy(() -> keys.lookup("slow._domainkey.example.com"))
        .isInstanceOfSatisfying(DkimKeyResolver.KeyLookupException.class,
            e -> assertThat(e.isTemporary()).isTrue())
        .hasMessageContaining("timed out");
  }

  @Test
  void onceTheBudgetIsSpentNoFurtherNameIsAsked() {
    AtomicInteger asked = new AtomicInteger();
    BoundedKeyResolver keys = BoundedKeyResolver.of(name -> {
      asked.incrementAndGet();
      return List.of();
    }, Duration.ZERO);

    assertThatThrownBy(() -> keys.lookup("late._domainkey.example.com"))
        .isInstanceOf(DkimKeyResolver.KeyLookupException.class)
        .hasMessageContaining("no time left");
    assertThat(asked).hasValue(0);
  }

  @Test
  void aPermanentFailureStaysPermanent() {
    BoundedKeyResolver keys = BoundedKeyResolver.of(name -> {
      throw new DkimKeyResolver.KeyLookupException("NXDOMAIN", false);
    }, Duration.ofSeconds(5));

    assertThatThrownBy(() -> keys.lookup("gone._domainkey.example.com"))
        .isInstanceOfSatisfying(DkimKeyResolver.KeyLookupException.class,
            e -> assertThat(e.isTemporary()).isFalse());
  }
}
