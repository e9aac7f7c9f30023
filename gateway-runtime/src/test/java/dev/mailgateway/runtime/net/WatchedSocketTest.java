package dev.mailgateway.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WatchedSocketTest {

  private final ServerSocket peerListener = listener();
  private Socket peer;

  private static ServerSocket listener() {
    try {
      return new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void closePeer() throws IOException {
    if (peer != null) {
      peer.close();
    }
    peerListener.close();
  }

  private WatchedSocket connected(Duration timeout) throws IOException {
    WatchedSocket socket = new WatchedSocket(timeout);
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), peerListener.getLocalPort()));
    peer = peerListener.accept();
    return socket;
  }

  @Test
  void aReadFromASilentPeerFailsWithASocketTimeout() throws IOException {
    try (WatchedSocket socket = connected(Duration.ofMillis(200))) {
      InputStream in = socket.getInputStream();

      assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void aReplyAfterATimedOutReadStillReachesThePeer() throws IOException {
    try (WatchedSocket socket = connected(Duration.ofMillis(200))) {
      assertThatThrownBy(socket.getInputStream()::read).isInstanceOf(SocketTimeoutException.class);
      OutputStream out = socket.getOutputStream();
      out.write("421 timeout\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.flush();

      assertThat(new String(peer.getInputStream().readNBytes(13), java.nio.charset.StandardCharsets.US_ASCII))
          .isEqualTo("421 timeout\r\n");
    }
  }

  @Test
  void aReadThatIsAnsweredInTimeReturnsTheBytes() throws IOException {
    try (WatchedSocket socket = connected(Duration.ofSeconds(5))) {
      peer.getOutputStream().write('x');

      assertThat(socket.getInputStream().read()).isEqualTo('x');
    }
  }

  @Test
  void aBusyConnectionNeverTimesOutWhileEachReadIsQuick() throws Exception {
    try (WatchedSocket socket = connected(Duration.ofMillis(300))) {
      Thread writer = new Thread(() -> {
        try {
          for (int i = 0; i < 10; i++) {
            Thread.sleep(100);
            peer.getOutputStream().write('y');
          }
        } catch (IOException | InterruptedException ignored) {
          // The test fails on its own reads.
        }
      });
      writer.start();
      InputStream in = socket.getInputStream();
      for (int i = 0; i < 10; i++) {
        assertThat(in.read()).isEqualTo('y');
      }
      writer.join();
    }
  }

  @Test
  void aWriteToAPeerThatDoesNotReadIsCutOff() throws IOException {
    try (WatchedSocket socket = connected(Duration.ofMillis(300))) {
      OutputStream out = socket.getOutputStream();
      byte[] chunk = new byte[64 * 1024];

      assertThatThrownBy(() -> {
        for (int i = 0; i < 10_000; i++) {
          out.write(chunk);
        }
      }).isInstanceOf(SocketTimeoutException.class);
      assertThat(socket.isClosed()).isTrue();
    }
  }

  @Test
  void aTimeoutMustBePositive() {
    assertThatThrownBy(() -> new WatchedSocket(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
  }
}
