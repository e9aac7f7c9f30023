package dev.mailgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class MailLogFormatTest {

  private static LogRecord record(Level level, String logger, String message) {
    LogRecord record = new LogRecord(level, message);
    record.setLoggerName(logger);
    record.setMillis(1_795_000_000_000L);
    return record;
  }

  @Test
  void aGatewayEventIsOneLineAsItIs() {
    String line = new MailLogFormat().format(record(Level.INFO, "dev.mailgateway.runtime",
        "2026-11-25T07:00:00Z A1: sent, to=[b@elsewhere.example]"));

    assertThat(line).isEqualTo("2026-11-25T07:00:00Z A1: sent, to=[b@elsewhere.example]"
        + System.lineSeparator());
  }

  @Test
  void anyOtherRecordCarriesItsTimeLevelAndLogger() {
    String line = new MailLogFormat().format(record(Level.WARNING, "dev.mailgateway.runtime.queue",
        "queue file C2.q cannot be read"));

    assertThat(line).isEqualTo("2026-11-18T11:06:40Z WARNING dev.mailgateway.runtime.queue: "
        + "queue file C2.q cannot be read" + System.lineSeparator());
  }

  @Test
  void anExceptionFollowsItsLineWithItsStackTrace() {
    LogRecord record = record(Level.INFO, "dev.mailgateway.runtime", "failed");
    record.setThrown(new IllegalStateException("broken"));

    String text = new MailLogFormat().format(record);

    assertThat(text).startsWith("2026-11-18T11:06:40Z INFO dev.mailgateway.runtime: failed")
        .contains("java.lang.IllegalStateException: broken");
  }
}
