package dev.mailgateway.runtime;

import dev.mailgateway.runtime.receive.SessionLog;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/** What sessions do, as events: connections, refusals by a restriction, disconnections. */
final class SessionEvents implements SessionLog {

  private final GatewayEvents events;

  SessionEvents(GatewayEvents events) {
    this.events = events;
  }

  @Override
  public void connected(InetAddress client) {
    events.record("", GatewayEvent.Kind.CONNECTED, "connect from " + GatewayEvents.client(client),
        GatewayEvents.fields("client", GatewayEvents.client(client)));
  }

  @Override
  public void rejected(InetAddress client, String command, String reply,
      Map<String, String> context) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("client", GatewayEvents.client(client));
    fields.put("command", command);
    fields.put("reply", reply);
    fields.putAll(context);
    events.record("NOQUEUE", GatewayEvent.Kind.REFUSED,
        command + " from " + client.getHostAddress() + ": " + reply, fields);
  }

  @Override
  public void turnedAway(InetAddress client, String parameter, String reply,
      Map<String, String> context) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("client", GatewayEvents.client(client));
    fields.put("reason", parameter.equals("smtpd_enforce_tls") ? "tls" : "limits");
    fields.put("limit", parameter);
    fields.put("reply", reply);
    fields.putAll(context);
    events.record("", GatewayEvent.Kind.TURNED_AWAY, parameter + ": " + reply, fields);
  }

  @Override
  public void disconnected(InetAddress client, String commands) {
    events.record("", GatewayEvent.Kind.DISCONNECTED,
        "disconnect from " + GatewayEvents.client(client) + " " + commands,
        GatewayEvents.fields("client", GatewayEvents.client(client), "commands", commands));
  }
}
