package dev.mailgateway.runtime.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryStatusTest {

  @Test
  void delaysAreWrittenAsPostfixWritesThem() {
    assertThat(DeliveryStatus.seconds(Duration.ZERO)).isEqualTo("0");
    assertThat(DeliveryStatus.seconds(Duration.ofMillis(80))).isEqualTo("0.08");
    assertThat(DeliveryStatus.seconds(Duration.ofMillis(230))).isEqualTo("0.23");
    assertThat(DeliveryStatus.seconds(Duration.ofMillis(300))).isEqualTo("0.3");
    assertThat(DeliveryStatus.seconds(Duration.ofMillis(1240))).isEqualTo("1.2");
    assertThat(DeliveryStatus.seconds(Duration.ofSeconds(2))).isEqualTo("2");
    assertThat(DeliveryStatus.seconds(Duration.ofMillis(35_400))).isEqualTo("35");
  }

  @Test
  void theDsnIsTheReplysEnhancedCodeOfTheOutcomesClass() {
    assertThat(DeliveryStatus.of("250 2.0.0 Ok: queued as X", '2')).isEqualTo("2.0.0");
    assertThat(DeliveryStatus.of("host h[a] said: 450 4.3.0 Error", '4')).isEqualTo("4.3.0");
    assertThat(DeliveryStatus.of("connect to h[a]:25: Connection refused", '4')).isEqualTo("4.4.1");
    assertThat(DeliveryStatus.of("550 no such user", '5')).isEqualTo("5.0.0");
  }
}
