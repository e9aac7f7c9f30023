package dev.mailgateway.runtime.log;

import dev.mailgateway.runtime.GatewayEvent;
import java.time.ZoneId;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Events as Postfix 3.7 writes them to its {@code maillog_file}: {@code Mmm dd hh:mm:ss HOST
 * postfix/SERVICE[PID]: QUEUEID: ...}, one line per thing Postfix logs, with its words, so that
 * pflogsumm, log exporters and operators' own scripts read the runtime's log as Postfix's. What
 * Postfix leaves to its helpers is written as they write it: DKIM signing as OpenDKIM, content
 * scanning as Amavis. The host is the first label of the gateway's name, as Postfix writes it;
 * the process id is the JVM's, for every service.
 */
public final class PostfixLogFormat implements EventFormat {

  private final String host;
  private final String pid;
  /** Whose mail pickup reports an application's submission as: this process's user. */
  private final String uid = processUid();
  private final LogStamps stamps;

  /**
   * A format for a gateway.
   *
   * @param hostname the gateway's name ({@code myhostname}); its first label heads each line
   * @param zone the time zone of the stamps (Postfix writes local time)
   */
  public PostfixLogFormat(String hostname, ZoneId zone) {
    int dot = hostname.indexOf('.');
    this.host = dot > 0 ? hostname.substring(0, dot) : hostname;
    this.pid = Long.toString(ProcessHandle.current().pid());
    this.stamps = new LogStamps("MMM ppd HH:mm:ss", zone);
  }

  @Override
  public void append(GatewayEvent e, StringBuilder out) {
    String id = e.queueId();
    switch (e.kind()) {
      case CONNECTED -> line(out, e, "postfix/smtpd", "connect from " + e.field("client"));
      case DISCONNECTED -> line(out, e, "postfix/smtpd",
          "disconnect from " + e.field("client") + " " + e.field("commands"));
      case REFUSED -> line(out, e, "postfix/smtpd", "NOQUEUE: reject: " + verb(e.field("command"))
          + " from " + e.field("client") + ": " + e.field("reply") + ";" + context(e, true));
      case TURNED_AWAY -> turnedAway(out, e);
      case RECEIVED -> {
        client(out, e, id);
        queued(out, e, id);
      }
      case NOTIFIED -> {
        line(out, e, "postfix/bounce", e.field("bounce-of") + ": sender non-delivery notification: " + id);
        queued(out, e, id);
      }
      case SIGNED -> line(out, e, "opendkim", id + ": DKIM-Signature field added (s="
          + e.field("s") + ", d=" + e.field("d") + ")");
      case VERIFIED -> line(out, e, "opendkim", id + ": " + (e.field("result").equals("pass")
          ? "DKIM verification successful"
          : "s=" + e.field("s") + " d=" + e.field("d") + " dkim=" + e.field("result") + ": "
              + e.field("reason")));
      case REJECTED -> {
        client(out, e, id);
        if (e.fields().containsKey("action")) {
          headerAction(out, e, id);
        } else {
          if (e.fields().containsKey("category")) {
            amavis(out, e, id, "Blocked", "{RejectedInbound}");
          }
          line(out, e, "postfix/cleanup", id + ": milter-reject: END-OF-MESSAGE from "
              + e.field("client") + ": " + e.field("reply") + ";" + context(e, false));
        }
      }
      case DISCARDED -> {
        client(out, e, id);
        if (e.fields().containsKey("action")) {
          headerAction(out, e, id);
        } else {
          amavis(out, e, id, "Blocked", "{DiscardedInbound}");
        }
      }
      case QUARANTINED -> {
        client(out, e, id);
        amavis(out, e, id, "Blocked", "{DiscardedInbound,Quarantined}");
      }
      case SCANNED -> amavis(out, e, id, "Passed", "{RelayedInbound}");
      case WARNED -> {
        if (e.fields().containsKey("action")) {
          headerAction(out, e, id);
        } else {
          line(out, e, "postfix/cleanup", "warning: " + id + ": " + e.detail());
        }
      }
      case SENT, DEFERRED, BOUNCED -> line(out, e,
          e.field("relay").equals("none") && e.kind() == GatewayEvent.Kind.SENT
              ? "postfix/discard" : "postfix/smtp",
          id + ": to=" + e.field("to") + ", relay=" + e.field("relay") + ", delay="
              + e.field("delay") + ", delays=" + e.field("delays") + ", dsn=" + e.field("dsn")
              + ", status=" + e.field("status") + " (" + e.field("reply") + ")");
      case REMOVED -> line(out, e, "postfix/qmgr", id + ": removed");
      default -> line(out, e, "postfix/gateway", id + ": " + e.detail());
    }
  }

  @Override
  public void append(LogRecord record, StringBuilder out) {
    String severity = record.getLevel().intValue() >= Level.SEVERE.intValue() ? "error: "
        : record.getLevel().intValue() >= Level.WARNING.intValue() ? "warning: " : "";
    String message = record.getMessage();
    if (record.getThrown() != null) {
      message = message + ": " + record.getThrown();
    }
    out.append(stamps.of(record.getInstant())).append(' ').append(host)
        .append(" postfix/gateway[").append(pid).append("]: ");
    Printable.append(out, severity + message);
    out.append('\n');
  }

  /**
   * What Postfix logs when a limit turns a client away: anvil's warning, smtpd's error limit; a
   * recipient over the limit and mail before STARTTLS it does not log.
   */
  private void turnedAway(StringBuilder out, GatewayEvent e) {
    switch (e.field("limit")) {
      case "smtpd_client_connection_count_limit" -> line(out, e, "postfix/smtpd",
          "warning: Connection concurrency limit exceeded: " + e.field("count") + " from "
              + e.field("client") + " for service smtp");
      case "smtpd_hard_error_limit" -> line(out, e, "postfix/smtpd",
          "too many errors after " + verb(e.field("command")) + " from " + e.field("client"));
      default -> { }
    }
  }

  /**
   * smtpd's line of a message that got a queue id: Postfix writes it when the first recipient
   * is accepted, so a message cleanup refuses or drops has it too.
   */
  private void client(StringBuilder out, GatewayEvent e, String id) {
    if (e.field("submitted").equals("yes")) {
      line(out, e, "postfix/pickup", id + ": uid=" + uid + " from=" + e.field("from"));
      return;
    }
    line(out, e, "postfix/smtpd", id + ": client=" + e.field("client"));
  }

  /** Cleanup's and the queue manager's lines of a message that entered the queue. */
  private void queued(StringBuilder out, GatewayEvent e, String id) {
    String messageId = e.field("message-id");
    line(out, e, "postfix/cleanup", id + ": message-id=" + (messageId.isEmpty() ? "<>" : messageId));
    line(out, e, "postfix/qmgr", id + ": from=" + e.field("from") + ", size=" + e.field("size")
        + ", nrcpt=" + e.field("nrcpt") + " (queue active)");
  }

  /** A header check's action, as cleanup logs it. */
  private void headerAction(StringBuilder out, GatewayEvent e, String id) {
    String text = e.field("text");
    line(out, e, "postfix/cleanup", id + ": " + e.field("action") + ": header " + e.field("header")
        + " from " + e.field("client") + ";" + context(e, true) + (text.isEmpty() ? "" : ": " + text));
  }

  /** A content filter's verdict, as Amavis logs it. */
  private void amavis(StringBuilder out, GatewayEvent e, String id, String outcome, String action) {
    String category = switch (e.field("category")) {
      case "virus" -> "INFECTED (" + e.field("reason").replaceFirst("^virus (\\S+).*", "$1") + ")";
      case "spam" -> "SPAM";
      default -> e.field("verdict").equals("unchecked") ? "UNCHECKED" : "CLEAN";
    };
    String client = e.field("client");
    String quarantine = e.field("quarantine");
    line(out, e, "amavis", "(" + id + ") " + outcome + " " + category + " " + action + ", "
        + client.substring(client.indexOf('[')) + " " + e.field("from") + " -> " + e.field("to")
        + (quarantine.isEmpty() ? "" : ", quarantine: " + quarantine) + ", Queue-ID: " + id
        + ", Message-ID: " + e.field("message-id") + ", size: " + e.field("size")
        + ", " + e.field("reason"));
  }

  /** What smtpd and cleanup write after a refusal: {@code from=<a> to=<b> proto=ESMTP helo=<c>}. */
  private static String context(GatewayEvent e, boolean allRecipients) {
    StringBuilder text = new StringBuilder();
    for (String name : new String[] {"from", "to", "proto", "helo"}) {
      String value = e.field(name);
      if (!value.isEmpty()) {
        if (name.equals("to") && !allRecipients && value.contains(",")) {
          value = value.substring(0, value.indexOf(','));
        }
        text.append(' ').append(name).append('=').append(value);
      }
    }
    return text.toString();
  }

  /** The verb of a command line, as smtpd names it in a reject: {@code RCPT}, {@code MAIL}. */
  private static String processUid() {
    try {
      return String.valueOf(java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self"), "unix:uid"));
    } catch (java.io.IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "0";
    }
  }

  private static String verb(String command) {
    int space = command.indexOf(' ');
    return (space < 0 ? command : command.substring(0, space)).toUpperCase(Locale.ROOT);
  }

  private void line(StringBuilder out, GatewayEvent e, String service, String message) {
    out.append(stamps.of(e.time())).append(' ').append(host).append(' ').append(service)
        .append('[').append(pid).append("]: ");
    Printable.append(out, message);
    out.append('\n');
  }
}
