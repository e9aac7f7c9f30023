package dev.mailgateway.cli;

import dev.mailgateway.config.RealPeers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to {@code gateway run}: stop accepting, finish the session in flight, keep the queue. */
class GracefulStopTest {

  @TempDir
  Path dir;

  @Test
  void aSessionInFlightFinishesAndItsMessageStaysQueued() throws Exception {
    int port = RealPeers.freePort();
    Path policy = Files.writeString(dir.resolve("policy.yaml"), "hostname: gateway.example.test\n"
        + "trust: [127.0.0.1/32]\nrelayHost: \"[127.0.0.1]:9\"\ncontentFilter: {enabled: false}\n");
    Process gateway = GatewayProcess.start(policy, port, dir.resolve("spool"), dir.resolve("gateway.log"));
    try {
      // Its stop hook is in place once it says it listens; a SIGTERM before that just ends it.
      GatewayProcess.awaitStarted(dir.resolve("gateway.log"));
      try (Socket session = new Socket("127.0.0.1", port)) {
        session.setSoTimeout(20_000);
        BufferedReader in = new BufferedReader(new InputStreamReader(session.getInputStream(),
            StandardCharsets.US_ASCII));
        OutputStream out = session.getOutputStream();
        in.readLine();
        for (String command : new String[] {"HELO client.example", "MAIL FROM:<a@example.com>",
            "RCPT TO:<b@elsewhere.example>", "DATA"}) {
          out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.flush();
          in.readLine();
        }

        gateway.destroy();
        Thread.sleep(500);
        out.write("Subject: in flight\r\n\r\nstill here\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();

        assertThat(in.readLine()).startsWith("250 2.0.0 Ok: queued as");
      }
      assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).as("the process ends").isTrue();
      try (Stream<Path> queued = Files.list(dir.resolve("spool/queue"))) {
        assertThat(queued.map(p -> p.getFileName().toString())).anyMatch(name -> name.endsWith(".q"));
      }
    } finally {
      gateway.destroyForcibly();
    }
  }
}
