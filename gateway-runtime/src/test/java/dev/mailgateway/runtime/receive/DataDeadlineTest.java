package dev.mailgateway.runtime.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DataDeadlineTest {

  private final AtomicLong now = new AtomicLong();

  private DataDeadline deadline(int bytes) {
    return new DataDeadline(new ByteArrayInputStream(new byte[bytes]), Duration.ofSeconds(300), 500,
        now::get);
  }

  @Test
  void aClientTricklingBytesRunsOutOfTimeAfterTheTimeout() throws IOException {
    DataDeadline data = deadline(1000);
    for (int i = 0; i < 300; i++) {
      now.addAndGet(Duration.ofSeconds(1).toNanos());
      data.read();
    }
    now.addAndGet(Duration.ofSeconds(2).toNanos());

    assertThatThrownBy(data::read).isInstanceOf(SocketTimeoutException.class)
        .hasMessageContaining("minimum data rate");
  }

  @Test
  void aClientSendingAtTheMinimumRateNeverRunsOut() throws IOException {
    DataDeadline data = deadline(500 * 1000);
    byte[] second = new byte[500];
    for (int i = 0; i < 1000; i++) {
      now.addAndGet(Duration.ofSeconds(1).toNanos());
      assertThat(data.read(second, 0, second.length)).isEqualTo(500);
    }
  }
}
