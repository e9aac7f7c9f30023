package dev.mailgateway.runtime.scan;

import dev.mailgateway.api.ScannerEndpoint;
import dev.mailgateway.runtime.cleanup.ContentScanner;
import dev.mailgateway.runtime.cleanup.MessageContent;
import dev.mailgateway.runtime.cleanup.ScanReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * A client of ClamAV's clamd: {@code zINSTREAM} with the message streamed in chunks, {@code
 * zPING} and {@code zVERSION}, over TCP or a Unix socket, with a deadline for each exchange.
 *
 * <p>clamd drops a stream longer than its {@code StreamMaxLength} ("INSTREAM size limit
 * exceeded"), and its protocol has no command to ask for that limit, so the client is told it
 * (Debian's {@code clamd.conf} says 25 MB) and sends no more than that: the rest of a larger
 * message is not scanned, as ClamAV itself stops at its scan limits, and {@code X-Virus-Scanned}
 * says how much was. A clamd that still refuses the stream (its limit is lower than this
 * client's) is a failure that says which setting to change.
 */
public final class ClamdScanner implements ContentScanner {

  /** {@code StreamMaxLength} of Debian's {@code clamd.conf}: 25 MB. */
  public static final long DEBIAN_STREAM_MAX_LENGTH = 25L * 1024 * 1024;

  private static final int CHUNK = 64 * 1024;

  private final ScannerEndpoint endpoint;
  private final Duration timeout;
  private final long streamMaxLength;

  private ClamdScanner(ScannerEndpoint endpoint, Duration timeout, long streamMaxLength) {
    if (endpoint.kind() != ScannerEndpoint.Kind.CLAMD) {
      throw new IllegalArgumentException(endpoint + " is not a clamd");
    }
    this.endpoint = endpoint;
    this.timeout = timeout;
    this.streamMaxLength = streamMaxLength;
  }

  /** clamd at this endpoint, 2 minutes for a scan, Debian's {@code StreamMaxLength}. */
  public static ClamdScanner at(ScannerEndpoint endpoint) {
    return new ClamdScanner(endpoint, Duration.ofMinutes(2), DEBIAN_STREAM_MAX_LENGTH);
  }

  /** The same client with another deadline for each exchange. */
  public ClamdScanner withTimeout(Duration deadline) {
    return new ClamdScanner(endpoint, deadline, streamMaxLength);
  }

  /** The same client for a clamd with another {@code StreamMaxLength}. */
  public ClamdScanner withStreamMaxLength(long bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("StreamMaxLength must be positive, not " + bytes);
    }
    return new ClamdScanner(endpoint, timeout, bytes);
  }

  @Override
  public String name() {
    return "ClamAV (clamd)";
  }

  @Override
  public Set<Check> checks() {
    return EnumSet.of(Check.VIRUS);
  }

  /** {@code zPING}: clamd answers {@code PONG} when it is up. */
  public String ping() throws IOException {
    return command("zPING");
  }

  /** {@code zVERSION}: the engine's and the database's version. */
  public String version() throws IOException {
    return command("zVERSION");
  }

  private String command(String command) throws IOException {
    try (ScannerConnection connection = ScannerConnection.open(endpoint, timeout)) {
      try {
        OutputStream out = connection.out();
        out.write((command + "\0").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply(connection.in());
      } catch (IOException e) {
        throw connection.failure(e);
      }
    }
  }

  @Override
  public ScanReport scan(MessageContent message) throws IOException {
    long sent = 0;
    try (ScannerConnection connection = ScannerConnection.open(endpoint, timeout);
        InputStream content = message.open()) {
      String answer;
      try {
        OutputStream out = connection.out();
        out.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = new byte[CHUNK];
        try {
          while (sent < streamMaxLength) {
            int n = content.readNBytes(chunk, 0, (int) Math.min(CHUNK, streamMaxLength - sent));
            if (n == 0) {
              break;
            }
            out.write(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
            out.write(chunk, 0, n);
            sent += n;
          }
          out.write(new byte[4]);
          out.flush();
        } catch (IOException writing) {
          // clamd closes the stream on its own limit; its answer says so, and is read below.
        }
        answer = reply(connection.in());
      } catch (IOException e) {
        throw connection.failure(e);
      }
      return report(answer, sent, message.size(), connection);
    }
  }

  private ScanReport report(String answer, long sent, long size, ScannerConnection connection)
      throws IOException {
    String scannedBy = sent < size
        ? name() + ", first " + sent + " of " + size + " bytes" : name();
    if (answer.endsWith(" FOUND")) {
      String virus = answer.substring(answer.indexOf(": ") + 2, answer.length() - " FOUND".length());
      return ScanReport.infected(scannedBy, virus);
    }
    if (answer.endsWith(": OK")) {
      return ScanReport.clean(scannedBy);
    }
    if (answer.contains("size limit exceeded")) {
      throw new IOException(endpoint + " refused the message above its StreamMaxLength after "
          + sent + " bytes; raise StreamMaxLength in clamd.conf to at least " + streamMaxLength
          + " or give this client clamd's limit");
    }
    throw connection.protocolError(answer.isEmpty() ? "nothing" : answer);
  }

  /** One answer: up to the NUL that ends a z-command's reply, or the end of the stream. */
  private static String reply(InputStream in) throws IOException {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1 && b != 0; b = in.read()) {
      if (answer.size() > 8192) {
        break;
      }
      answer.write(b);
    }
    return answer.toString(StandardCharsets.US_ASCII).strip();
  }
}
