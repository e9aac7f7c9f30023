package dev.mailgateway.junit;

import dev.mailgateway.runtime.EmbeddedGateway;
import dev.mailgateway.runtime.GatewayEvent;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on what a gateway refused and relayed, from its events. */
public final class GatewayAssert extends AbstractAssert<GatewayAssert, EmbeddedGateway> {

  GatewayAssert(EmbeddedGateway actual) {
    super(actual, GatewayAssert.class);
  }

  /** The gateway refused a command naming this address; {@link RejectionAssert} says how. */
  public RejectionAssert rejected(String address) {
    isNotNull();
    List<GatewayEvent> refusals = events(GatewayEvent.Kind.REFUSED, address);
    if (refusals.isEmpty()) {
      failWithMessage("expected %s to have been refused, but the events were:%n%s", address,
          actual.events().all());
    }
    return new RejectionAssert(refusals.get(refusals.size() - 1));
  }

  /** The gateway delivered mail to this address. */
  public GatewayAssert relayed(String address) {
    isNotNull();
    if (events(GatewayEvent.Kind.SENT, address).isEmpty()) {
      failWithMessage("expected mail to %s to have been relayed, but the events were:%n%s",
          address, actual.events().all());
    }
    return this;
  }

  /**
   * The gateway delivered mail to this address through this next hop: {@code [host]:port}, or
   * {@code host[address]:port} as the log names it.
   */
  public GatewayAssert relayedTo(String address, String nextHop) {
    isNotNull();
    String host = nextHop.startsWith("[") ? nextHop.substring(1, nextHop.indexOf(']')) : nextHop;
    String port = nextHop.substring(nextHop.lastIndexOf(':'));
    boolean found = events(GatewayEvent.Kind.SENT, address).stream()
        .map(e -> e.field("relay"))
        .anyMatch(relay -> relay.equals(nextHop)
            || relay.startsWith(host + "[") && relay.endsWith("]" + port));
    if (!found) {
      failWithMessage("expected mail to %s relayed to %s, but the events were:%n%s", address,
          nextHop, actual.events().all());
    }
    return this;
  }

  /**
   * The gateway refused a message at the end of DATA ({@code 554 5.7.1}) because a scanner found
   * a virus in it: the {@code reject} virus destiny.
   */
  public GatewayAssert wasRejectedAsVirus() {
    return hadContentEvent(GatewayEvent.Kind.REJECTED, "virus ", "refused as a virus");
  }

  /** The gateway kept a message in the quarantine because a scanner found a virus in it. */
  public GatewayAssert quarantinedAVirus() {
    return hadContentEvent(GatewayEvent.Kind.QUARANTINED, "virus ", "quarantined as a virus");
  }

  /** The gateway refused a message at the end of DATA as spam at the kill level. */
  public GatewayAssert wasRejectedAsSpam() {
    return hadContentEvent(GatewayEvent.Kind.REJECTED, "spam score ", "refused as spam");
  }

  private GatewayAssert hadContentEvent(GatewayEvent.Kind kind, String reason, String what) {
    isNotNull();
    if (actual.events().all().stream().noneMatch(e -> e.kind() == kind && e.detail().startsWith(reason))) {
      failWithMessage("expected a message %s, but the events were:%n%s", what, actual.events().all());
    }
    return this;
  }

  /**
   * The matching events, waiting up to ten seconds for a first one: delivery runs in the
   * background, so the next hop may have the message a moment before the event is recorded.
   */
  private List<GatewayEvent> events(GatewayEvent.Kind kind, String address) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (true) {
      List<GatewayEvent> found = actual.events().all().stream()
          .filter(e -> e.kind() == kind && e.detail().contains(address)).toList();
      if (!found.isEmpty() || System.nanoTime() > deadline) {
        return found;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return found;
      }
    }
  }

  /** How a command was refused. */
  public static final class RejectionAssert extends AbstractAssert<RejectionAssert, GatewayEvent> {

    RejectionAssert(GatewayEvent actual) {
      super(actual, RejectionAssert.class);
    }

    /** The reply code was this one. */
    public RejectionAssert withCode(int code) {
      if (!actual.detail().contains(": " + code + " ")) {
        failWithMessage("expected the reply code %s, but the refusal was: %s", code, actual.detail());
      }
      return this;
    }
  }
}
