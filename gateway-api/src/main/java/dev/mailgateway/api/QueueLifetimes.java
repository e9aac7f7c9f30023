package dev.mailgateway.api;

import java.util.Optional;
import org.immutables.value.Value;

/** How long undeliverable mail stays queued before it is bounced. */
@Value.Immutable
public abstract class QueueLifetimes {

  /** {@code maximal_queue_lifetime}; Postfix's default is 5d. */
  public abstract Optional<PostfixDuration> maximal();

  /** {@code bounce_queue_lifetime}; Postfix's default is 5d. */
  public abstract Optional<PostfixDuration> bounce();
}
