package dev.mailgateway.runtime.receive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The deadline of a DATA transfer, as Postfix's {@code smtpd_min_data_rate} with per-request
 * deadlines: the client has {@code smtpd_timeout} in all, extended by one second for every {@code
 * min_data_rate} bytes it sends. A client that trickles bytes to hold a session open runs out of
 * time however often it sends a byte; one that sends at a decent rate never does.
 */
final class DataDeadline extends FilterInputStream {

  private final long bytesPerSecond;
  private final LongSupplier nanoTime;
  private long deadline;
  private long credit;

  DataDeadline(InputStream in, Duration timeout, long bytesPerSecond, LongSupplier nanoTime) {
    super(in);
    this.bytesPerSecond = bytesPerSecond;
    this.nanoTime = nanoTime;
    this.deadline = nanoTime.getAsLong() + timeout.toNanos();
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    account(b < 0 ? 0 : 1);
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    account(Math.max(0, n));
    return n;
  }

  private void account(int bytes) throws SocketTimeoutException {
    credit += bytes;
    if (bytesPerSecond > 0 && credit >= bytesPerSecond) {
      deadline += (credit / bytesPerSecond) * 1_000_000_000L;
      credit %= bytesPerSecond;
    }
    if (nanoTime.getAsLong() > deadline) {
      throw new SocketTimeoutException("the client sent its data below the minimum data rate");
    }
  }
}
