package dev.mailgateway.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One line per record, like Postfix's maillog. A gateway event already starts with its time and
 * queue id, so it is written as it is; anything else gets the time, the level and the logger in
 * front, and the stack trace of its exception after. java.util.logging's simple format spends
 * two lines and a {@code String.format} of the date on every record, which under load cost more
 * than writing the lines.
 */
final class MailLogFormat extends Formatter {

  private static final String EVENTS = "dev.mailgateway.runtime";

  @Override
  public String format(LogRecord record) {
    String message = formatMessage(record);
    StringBuilder line = new StringBuilder(message.length() + 64);
    boolean event = EVENTS.equals(record.getLoggerName())
        && record.getLevel().intValue() <= java.util.logging.Level.INFO.intValue()
        && record.getThrown() == null;
    if (!event) {
      line.append(Instant.ofEpochMilli(record.getMillis())).append(' ')
          .append(record.getLevel().getName()).append(' ')
          .append(record.getLoggerName()).append(": ");
    }
    line.append(message).append(System.lineSeparator());
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      line.append(trace);
    }
    return line.toString();
  }
}
