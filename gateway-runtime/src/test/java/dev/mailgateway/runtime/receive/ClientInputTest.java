package dev.mailgateway.runtime.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClientInputTest {

  /** A socket that counts how often it is asked what is waiting. */
  private static final class CountingSocket extends FilterInputStream {
    final AtomicInteger asked = new AtomicInteger();

    CountingSocket(String bytes) {
      super(new ByteArrayInputStream(bytes.getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public int available() throws IOException {
      asked.incrementAndGet();
      return super.available();
    }
  }

  @Test
  void aReadNeverAsksTheSocketWhatIsWaiting() throws IOException {
    String commands = "MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\n";
    CountingSocket socket = new CountingSocket(commands);
    ClientInput in = new ClientInput(socket);

    byte[] chunk = new byte[100];
    int n = in.read(chunk, 0, chunk.length);

    assertThat(n).isEqualTo(commands.length());
    assertThat(socket.asked).hasValue(0);
  }

  @Test
  void itIsDrainedOnlyWhenEveryByteReadIsConsumed() throws IOException {
    ClientInput in = new ClientInput(new CountingSocket("QUIT\r\nNOOP\r\n"));

    assertThat(in.drained()).isTrue();
    in.read();
    assertThat(in.drained()).isFalse();
    in.readNBytes(11);
    assertThat(in.drained()).isTrue();
  }

  @Test
  void aMarkSurvivesTheFillOfAnEmptyBuffer() throws IOException {
    ClientInput in = new ClientInput(new CountingSocket("body\r\n.\r\nQUIT\r\n"));

    in.mark(64);
    byte[] chunk = new byte[64];
    assertThat(in.read(chunk, 0, chunk.length)).isEqualTo(15);
    in.reset();
    in.skipNBytes(9);

    assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("QUIT\r\n");
  }

  @Test
  void theEndOfTheStreamIsMinusOne() throws IOException {
    InputStream in = new ClientInput(new CountingSocket(""));

    assertThat(in.read(new byte[8], 0, 8)).isEqualTo(-1);
  }
}
