package dev.mailgateway.runtime.log;

import dev.mailgateway.runtime.GatewayEvent;
import java.util.Locale;
import java.util.Map;
import java.util.logging.LogRecord;

/**
 * Events as one JSON object per line, for log shippers: {@code {"time": ..., "host": ...,
 * "event": "sent", "queue_id": ..., "detail": ..., "to": ..., "relay": ..., ...}}, with the
 * event's fields under their own names. Log records that are not events have {@code "event":
 * "log"}, a {@code level} and a {@code message}. Every string is escaped, control characters
 * included, so that one event stays one line whatever a client sent.
 */
public final class JsonLogFormat implements EventFormat {

  private final String host;

  /** A format naming the gateway ({@code myhostname}) in every object. */
  public JsonLogFormat(String hostname) {
    this.host = hostname;
  }

  @Override
  public void append(GatewayEvent event, StringBuilder out) {
    out.append('{');
    member(out, "time", event.time().toString(), true);
    member(out, "host", host, false);
    member(out, "event", event.kind().name().toLowerCase(Locale.ROOT), false);
    if (!event.queueId().isEmpty()) {
      member(out, "queue_id", event.queueId(), false);
    }
    member(out, "detail", event.detail(), false);
    for (Map.Entry<String, String> field : event.fields().entrySet()) {
      member(out, field.getKey(), field.getValue(), false);
    }
    out.append("}\n");
  }

  @Override
  public void append(LogRecord record, StringBuilder out) {
    out.append('{');
    member(out, "time", record.getInstant().toString(), true);
    member(out, "host", host, false);
    member(out, "event", "log", false);
    member(out, "level", record.getLevel().getName(), false);
    member(out, "logger", String.valueOf(record.getLoggerName()), false);
    member(out, "message", String.valueOf(record.getMessage()), false);
    if (record.getThrown() != null) {
      member(out, "error", record.getThrown().toString(), false);
    }
    out.append("}\n");
  }

  private static void member(StringBuilder out, String name, String value, boolean first) {
    if (!first) {
      out.append(',');
    }
    appendString(out, name);
    out.append(':');
    appendString(out, value);
  }

  /** Appends a JSON string (RFC 8259): quotes, backslashes and every control character escaped. */
  public static void appendString(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
