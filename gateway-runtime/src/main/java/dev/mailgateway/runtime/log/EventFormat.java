package dev.mailgateway.runtime.log;

import dev.mailgateway.runtime.GatewayEvent;
import java.util.logging.LogRecord;

/** How the mail log writes an event, and the gateway's other log records, as lines. */
public interface EventFormat {

  /** Appends the lines of an event, each ending in a newline. */
  void append(GatewayEvent event, StringBuilder out);

  /** Appends a log record that is not an event (a warning, say), ending in a newline. */
  void append(LogRecord record, StringBuilder out);
}
