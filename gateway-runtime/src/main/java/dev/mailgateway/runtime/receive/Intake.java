package dev.mailgateway.runtime.receive;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where the receiving stage hands a message on: cleanup, then the queue. The session streams the
 * content into {@link Incoming#content()} while it reads DATA, then asks for the verdict; only a
 * {@link Verdict#queued} verdict (the message durably queued) lets it answer 250.
 */
public interface Intake {

  /** A place for one message's content. */
  Incoming begin() throws IOException;

  /** One message being received. */
  interface Incoming extends AutoCloseable {

    /** Where the content goes, as it is read. */
    OutputStream content();

    /**
     * Runs cleanup on the complete content and queues the message.
     *
     * @return the verdict, with the SMTP reply to give
     */
    Verdict finish(Envelope envelope) throws IOException;

    /** Forgets the message unless it was queued. */
    @Override
    void close() throws IOException;
  }

  /**
   * The answer to a message.
   *
   * @param accepted whether it was taken (queued, or discarded on purpose)
   * @param reply the SMTP reply line
   */
  record Verdict(boolean accepted, String reply) {

    private static final String QUEUED_AS = ": queued as ";

    /** Queued durably under an id. */
    public static Verdict queued(String id) {
      return new Verdict(true, "250 2.0.0 Ok" + QUEUED_AS + id);
    }

    /** The queue id of a message taken, from its reply; empty for one refused. */
    public java.util.Optional<String> queueId() {
      int at = reply.indexOf(QUEUED_AS);
      return accepted && at >= 0
          ? java.util.Optional.of(reply.substring(at + QUEUED_AS.length()))
          : java.util.Optional.empty();
    }

    /** Refused, with the reply to give. */
    public static Verdict refused(String reply) {
      return new Verdict(false, reply);
    }
  }
}
