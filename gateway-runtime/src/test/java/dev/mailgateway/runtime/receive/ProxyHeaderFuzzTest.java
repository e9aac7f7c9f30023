package dev.mailgateway.runtime.receive;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What a load balancer (or whoever reaches its port) sends first: a PROXY header of version 1 or
 * 2 is read, or refused as malformed, never another exception, and never more than a header's
 * bytes. The seeds in {@code ProxyHeaderFuzzTestInputs} run in every build; fuzzing is {@code
 * bench/fuzz.sh}.
 */
class ProxyHeaderFuzzTest {

  /** Version 2's longest header: 16 bytes, then at most 65535 of addresses and TLVs. */
  private static final int LONGEST = 16 + 65_535;

  @FuzzTest(maxDuration = "60s")
  void aHeaderIsReadOrRefusedAsMalformed(byte[] start) {
    ByteArrayInputStream in = new ByteArrayInputStream(start);
    Optional<InetSocketAddress> client;
    try {
      client = ProxyHeader.read(in);
    } catch (ProxyHeader.Malformed refused) {
      return;
    } catch (IOException e) {
      throw new AssertionError("a memory stream does not fail, but the reader said: " + e, e);
    }
    int read = start.length - in.available();
    if (read > LONGEST) {
      throw new AssertionError("read " + read + " bytes for one header");
    }
    client.ifPresent(address -> {
      if (address.isUnresolved()) {
        throw new AssertionError("a name, not an address: " + address);
      }
    });
  }
}
