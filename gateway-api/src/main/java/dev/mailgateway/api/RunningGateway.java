package dev.mailgateway.api;

/** A gateway running in this process; closing it stops it (the queue stays, if on disk). */
public interface RunningGateway extends AutoCloseable {

  /** The address it listens on. */
  String host();

  /** The port it listens on. */
  int port();

  /** Its queue, for listing and for the operations of Postfix's queue tools. */
  MailQueue queue();

  /** Stops accepting, lets the sessions in flight finish, stops delivering. */
  @Override
  void close();
}
