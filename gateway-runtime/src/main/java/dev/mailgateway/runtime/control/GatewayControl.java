package dev.mailgateway.runtime.control;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a queue command asks of a running gateway beside its queue, through its control socket:
 * its status, for {@code gateway check}, and a reload, for {@code gateway reload}.
 */
public final class GatewayControl {

  private GatewayControl() {}

  /**
   * The gateway's readiness problems, one a line, and {@code certificate FILE SHA256} for each
   * certificate it serves as it read it; empty when no gateway answers on the spool's socket.
   */
  public static Optional<List<String>> status(Path spool) {
    Path socket = ControlSocket.socketOf(spool);
    if (!RemoteQueue.answers(socket)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new RemoteQueue(socket).request("status").lines());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Has the gateway read its inputs anew and run them ({@code postfix reload}).
   *
   * @return what only a restart applies; empty when everything took effect
   * @throws IOException when no gateway answers, or the new inputs are invalid (every violation
   *     in the message) and the old policy keeps running
   */
  public static List<String> reload(Path spool) throws IOException {
    Path socket = ControlSocket.socketOf(spool);
    if (!RemoteQueue.answers(socket)) {
      throw new IOException("no gateway answers on " + socket);
    }
    return new RemoteQueue(socket).request("reload").lines();
  }
}
