package dev.mailgateway.runtime.scan;

import dev.mailgateway.api.ScannerEndpoint;
import dev.mailgateway.runtime.cleanup.ContentScanner;
import dev.mailgateway.runtime.cleanup.MessageContent;
import dev.mailgateway.runtime.cleanup.ScanReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client of SpamAssassin's spamd, speaking SPAMC/SPAMD 1.5: {@code SYMBOLS} with the
 * message's {@code Content-length}, read back as the score and the names of the rules that hit,
 * and {@code PING}. spamd's own threshold is not used: the policy's levels decide.
 *
 * <p>Messages above the size limit (spamc's default, 500 KB) are not sent at all, as spamc
 * passes them unprocessed; the report says so, and cleanup writes it into {@code
 * X-Spam-Skipped}.
 */
public final class SpamdScanner implements ContentScanner {

  /** spamc's default size limit ({@code -s}): 500 KB. */
  public static final long SPAMC_SIZE_LIMIT = 500L * 1024;

  private static final Pattern STATUS = Pattern.compile("SPAMD/([0-9.]+) +(-?[0-9]+) +(.*)");
  private static final Pattern SPAM = Pattern.compile(
      "(True|False|Yes|No) *; *(-?[0-9]+(?:\\.[0-9]+)?) */ *(-?[0-9]+(?:\\.[0-9]+)?)",
      Pattern.CASE_INSENSITIVE);

  private final ScannerEndpoint endpoint;
  private final Duration timeout;
  private final long sizeLimit;

  private SpamdScanner(ScannerEndpoint endpoint, Duration timeout, long sizeLimit) {
    if (endpoint.kind() != ScannerEndpoint.Kind.SPAMD) {
      throw new IllegalArgumentException(endpoint + " is not a spamd");
    }
    this.endpoint = endpoint;
    this.timeout = timeout;
    this.sizeLimit = sizeLimit;
  }

  /** spamd at this endpoint, 2 minutes for a scan (spamc's default), spamc's size limit. */
  public static SpamdScanner at(ScannerEndpoint endpoint) {
    return new SpamdScanner(endpoint, Duration.ofMinutes(2), SPAMC_SIZE_LIMIT);
  }

  /** The same client with another deadline for each exchange. */
  public SpamdScanner withTimeout(Duration deadline) {
    return new SpamdScanner(endpoint, deadline, sizeLimit);
  }

  /** The same client with another size limit. */
  public SpamdScanner withSizeLimit(long bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("the size limit must be positive, not " + bytes);
    }
    return new SpamdScanner(endpoint, timeout, bytes);
  }

  @Override
  public String name() {
    return "SpamAssassin (spamd)";
  }

  @Override
  public Set<Check> checks() {
    return EnumSet.of(Check.SPAM);
  }

  /** {@code PING}: spamd's status line, {@code SPAMD/1.5 0 PONG} when it is up. */
  public String ping() throws IOException {
    try (ScannerConnection connection = ScannerConnection.open(endpoint, timeout)) {
      try {
        OutputStream out = connection.out();
        out.write("PING SPAMC/1.5\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return line(connection.in());
      } catch (IOException e) {
        throw connection.failure(e);
      }
    }
  }

  @Override
  public ScanReport scan(MessageContent message) throws IOException {
    if (message.size() > sizeLimit) {
      return ScanReport.skipped("message of " + message.size() + " bytes is larger than the spam"
          + " scan limit of " + sizeLimit + " bytes");
    }
    try (ScannerConnection connection = ScannerConnection.open(endpoint, timeout);
        InputStream content = message.open()) {
      try {
        OutputStream out = connection.out();
        out.write(("SYMBOLS SPAMC/1.5\r\nContent-length: " + message.size() + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        long copied = content.transferTo(out);
        if (copied != message.size()) {
          throw new IOException("the message changed while it was scanned: " + copied
              + " bytes where " + message.size() + " were announced");
        }
        out.flush();
        connection.finishSending();
        return response(connection);
      } catch (IOException e) {
        throw e.getMessage() != null && e.getMessage().startsWith(endpoint.toString())
            ? e : connection.failure(e);
      }
    }
  }

  private ScanReport response(ScannerConnection connection) throws IOException {
    InputStream in = connection.in();
    String statusLine = line(in);
    Matcher status = STATUS.matcher(statusLine);
    if (!status.matches()) {
      throw connection.protocolError(statusLine.isEmpty() ? "nothing" : statusLine);
    }
    if (!status.group(2).equals("0")) {
      throw new IOException(endpoint + " could not scan the message: " + statusLine);
    }
    BigDecimal score = null;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      if (colon > 0 && header.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("spam")) {
        Matcher spam = SPAM.matcher(header.substring(colon + 1).strip());
        if (!spam.matches()) {
          throw connection.protocolError(header);
        }
        score = new BigDecimal(spam.group(2));
      }
    }
    if (score == null) {
      throw connection.protocolError(statusLine + " with no Spam header");
    }
    String symbols = new String(in.readNBytes(64 * 1024), StandardCharsets.US_ASCII).strip();
    List<String> tests = symbols.isEmpty() ? List.of()
        : Arrays.stream(symbols.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    return ScanReport.scored(score, tests);
  }

  /** One CRLF-ended line of spamd's answer, without the line end. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
      if (line.size() > 8192) {
        throw new IOException("a line of spamd's answer is longer than 8192 bytes");
      }
      line.write(b);
    }
    return line.toString(StandardCharsets.US_ASCII).strip();
  }
}
