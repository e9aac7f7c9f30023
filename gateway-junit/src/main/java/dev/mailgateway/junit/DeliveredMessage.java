package dev.mailgateway.junit;

import dev.mailgateway.dkim.DkimKeyResolver;
import java.nio.charset.StandardCharsets;

/**
 * A message as the next hop received it, byte for byte, with the key records of the gateway's
 * DKIM domains to verify it against.
 *
 * @param raw the message
 * @param keys the gateway's DKIM key records
 */
public record DeliveredMessage(byte[] raw, DkimKeyResolver keys) {

  /** The message as text. */
  public String text() {
    return new String(raw, StandardCharsets.UTF_8);
  }
}
