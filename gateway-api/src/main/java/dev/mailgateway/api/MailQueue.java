package dev.mailgateway.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A gateway's queue as Postfix's queue tools control theirs: list ({@code mailq}), show ({@code
 * postcat -q}), flush ({@code postqueue -f}), delete, hold, release and requeue ({@code postsuper
 * -d}, {@code -h}, {@code -H}, {@code -r}). The operations that take ids take {@link #ALL} too,
 * and return the ids they acted on; an id not in the queue is passed over, as postsuper does.
 */
public interface MailQueue {

  /** Stands for every message in the queue. */
  String ALL = "ALL";

  /** Every queued message, oldest first. */
  List<QueuedMessage> list() throws IOException;

  /**
   * A queued message's content as it will be delivered, the gateway's header lines included.
   *
   * @throws NoSuchElementException when no message has that id
   */
  InputStream content(String id) throws IOException;

  /** Tries every deferred message now; returns how many. Held messages stay held. */
  int flush() throws IOException;

  /** Removes messages from the queue; each is logged {@code removed}. */
  List<String> delete(List<String> ids) throws IOException;

  /** Holds messages: they are not delivered until released, restarts included. */
  List<String> hold(List<String> ids) throws IOException;

  /** Releases held messages, due at once. */
  List<String> release(List<String> ids) throws IOException;

  /** Puts messages back as if new: due at once, attempts and last failure forgotten. */
  List<String> requeue(List<String> ids) throws IOException;
}
