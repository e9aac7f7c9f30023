package dev.mailgateway.runtime.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.runtime.GatewayEvent;
import dev.mailgateway.runtime.GatewayEvents;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class PostfixLogFormatTest {

  private static final Instant NOW = Instant.parse("2026-11-08T07:05:09.250Z");
  private static final String PID = Long.toString(ProcessHandle.current().pid());

  private final PostfixLogFormat format = new PostfixLogFormat("gateway.example.test", ZoneOffset.UTC);

  private String lines(GatewayEvent.Kind kind, String id, Map<String, String> fields) {
    StringBuilder out = new StringBuilder();
    format.append(new GatewayEvent(NOW, id, kind, "", fields), out);
    return out.toString();
  }

  @Test
  void aLineStartsAsPostfixsWithTheShortHostNameAndTheService() {
    String line = lines(GatewayEvent.Kind.CONNECTED, "", GatewayEvents.fields("client", "unknown[127.0.0.2]"));

    assertThat(line).isEqualTo("Nov  8 07:05:09 gateway postfix/smtpd[" + PID
        + "]: connect from unknown[127.0.0.2]\n");
  }

  @Test
  void aQueuedMessageIsSmtpdsCleanupsAndTheQueueManagersLines() {
    String text = lines(GatewayEvent.Kind.RECEIVED, "A1B2C3", GatewayEvents.fields(
        "client", "unknown[127.0.0.1]", "message-id", "<m1@example.com>",
        "from", "<alice@example.com>", "size", "427", "nrcpt", "1"));

    assertThat(text.lines().map(l -> l.substring(l.indexOf("postfix/"))))
        .containsExactly("postfix/smtpd[" + PID + "]: A1B2C3: client=unknown[127.0.0.1]",
            "postfix/cleanup[" + PID + "]: A1B2C3: message-id=<m1@example.com>",
            "postfix/qmgr[" + PID + "]: A1B2C3: from=<alice@example.com>, size=427, nrcpt=1 (queue active)");
  }

  @Test
  void aRefusedRecipientIsANoqueueRejectWithTheEnvelope() {
    String line = lines(GatewayEvent.Kind.REFUSED, "NOQUEUE", GatewayEvents.fields(
        "client", "unknown[127.0.0.2]", "command", "RCPT TO:<bob@elsewhere.example>",
        "reply", "554 5.7.1 <bob@elsewhere.example>: Relay access denied",
        "from", "<alice@example.com>", "to", "<bob@elsewhere.example>", "proto", "ESMTP",
        "helo", "<client.example>"));

    assertThat(line).endsWith("postfix/smtpd[" + PID + "]: NOQUEUE: reject: RCPT from unknown[127.0.0.2]:"
        + " 554 5.7.1 <bob@elsewhere.example>: Relay access denied; from=<alice@example.com>"
        + " to=<bob@elsewhere.example> proto=ESMTP helo=<client.example>\n");
  }

  @Test
  void aSessionOverTheErrorLimitIsSmtpdsTooManyErrorsLine() {
    String line = lines(GatewayEvent.Kind.TURNED_AWAY, "", GatewayEvents.fields(
        "client", "unknown[127.0.0.2]", "reason", "limits", "limit", "smtpd_hard_error_limit",
        "reply", "421 4.7.0 gateway.example.test Error: too many errors",
        "command", "rcpt to:<x@y>"));

    assertThat(line).endsWith("postfix/smtpd[" + PID + "]: too many errors after RCPT from unknown[127.0.0.2]\n");
  }

  @Test
  void aClientOverItsConnectionLimitIsAnvilsWarning() {
    String line = lines(GatewayEvent.Kind.TURNED_AWAY, "", GatewayEvents.fields(
        "client", "unknown[127.0.0.2]", "reason", "limits",
        "limit", "smtpd_client_connection_count_limit",
        "reply", "421 4.7.0 gateway.example.test Error: too many connections from 127.0.0.2",
        "count", "51"));

    assertThat(line).endsWith("postfix/smtpd[" + PID + "]: warning: Connection concurrency limit"
        + " exceeded: 51 from unknown[127.0.0.2] for service smtp\n");
  }

  @Test
  void aRecipientOverTheLimitIsNotLoggedAsPostfixDoesNot() {
    assertThat(lines(GatewayEvent.Kind.TURNED_AWAY, "", GatewayEvents.fields(
        "client", "unknown[127.0.0.2]", "reason", "limits", "limit", "smtpd_recipient_limit",
        "reply", "452 4.5.3 Error: too many recipients"))).isEmpty();
  }

  @Test
  void aDeliveryIsOneLineWithTheDelaysAndTheDsn() {
    String line = lines(GatewayEvent.Kind.DEFERRED, "A1B2C3", GatewayEvents.fields(
        "to", "<carol@later.example>", "relay", "127.0.0.1[127.0.0.1]:2526", "delay", "0.12",
        "delays", "0/0.01/0/0.11", "dsn", "4.0.0", "status", "deferred",
        "reply", "host 127.0.0.1[127.0.0.1] said: 450 4.0.0 Error (in reply to RCPT TO command)"));

    assertThat(line).endsWith("postfix/smtp[" + PID + "]: A1B2C3: to=<carol@later.example>,"
        + " relay=127.0.0.1[127.0.0.1]:2526, delay=0.12, delays=0/0.01/0/0.11, dsn=4.0.0,"
        + " status=deferred (host 127.0.0.1[127.0.0.1] said: 450 4.0.0 Error (in reply to RCPT TO command))\n");
  }

  @Test
  void aHeaderCheckRejectIsCleanupsRejectAfterTheClientLine() {
    String text = lines(GatewayEvent.Kind.REJECTED, "A1B2C3", GatewayEvents.fields(
        "client", "unknown[127.0.0.1]", "from", "<alice@example.com>", "to", "<bob@elsewhere.example>",
        "proto", "ESMTP", "helo", "<client.example>", "action", "reject",
        "header", "Subject: something forbidden", "text", "5.7.1 no thanks"));

    assertThat(text.lines()).hasSize(2);
    assertThat(text).contains("postfix/smtpd[" + PID + "]: A1B2C3: client=unknown[127.0.0.1]\n")
        .endsWith("postfix/cleanup[" + PID + "]: A1B2C3: reject: header Subject: something forbidden"
            + " from unknown[127.0.0.1]; from=<alice@example.com> to=<bob@elsewhere.example>"
            + " proto=ESMTP helo=<client.example>: 5.7.1 no thanks\n");
  }

  @Test
  void signingIsLoggedAsOpenDkimLogsIt() {
    String line = lines(GatewayEvent.Kind.SIGNED, "A1B2C3", GatewayEvents.fields("s", "mail", "d", "example.com"));

    assertThat(line).endsWith(" gateway opendkim[" + PID
        + "]: A1B2C3: DKIM-Signature field added (s=mail, d=example.com)\n");
  }

  @Test
  void whatAClientSentIsMadePrintableSoThatAnEventStaysOneLine() {
    String line = lines(GatewayEvent.Kind.REFUSED, "NOQUEUE", GatewayEvents.fields(
        "client", "unknown[127.0.0.2]", "command", "RCPT TO:<x@y>\r\u0000\u001b[2J",
        "reply", "554 5.7.1 denied", "helo", "<evil\rname\u009b>"));

    assertThat(line).endsWith("helo=<evil?name?>\n").doesNotContain("\r", "\u0000", "\u001b");
    assertThat(line.lines()).hasSize(1);
  }

  @Test
  void aWarningIsAPostfixWarningLine() {
    LogRecord record = new LogRecord(Level.WARNING, "delivery attempt of A1 failed");
    record.setInstant(NOW);
    StringBuilder out = new StringBuilder();

    format.append(record, out);

    assertThat(out).hasToString("Nov  8 07:05:09 gateway postfix/gateway[" + PID
        + "]: warning: delivery attempt of A1 failed\n");
  }
}
