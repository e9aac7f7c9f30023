package dev.mailgateway.api;

/**
 * An application's receiver of mail: a transport table entry {@code app:NAME} (for example
 * {@code support.example.com app:tickets}) sends its recipients' mail to the handler that
 * {@link GatewayOptions#handling} registers under NAME. The queue keeps a message until its
 * handler has returned, so a crash or a restart of the application loses nothing; the handler
 * may be called again for a message it took just before a crash, as a next hop may get a message
 * twice.
 */
@FunctionalInterface
public interface MailHandler {

  /**
   * Takes one message. Returning means delivered.
   *
   * @throws MailHandlerException {@link MailHandlerException#temporary} to have the message
   *     deferred and retried like any next hop, {@link MailHandlerException#permanent} to bounce
   *     it to its sender
   * @throws Exception anything else counts as a temporary failure
   */
  void handle(HandedMessage message) throws Exception;
}
