package dev.mailgateway.runtime.cleanup;

import java.io.IOException;
import java.io.InputStream;

/**
 * A spam or virus scanner the cleanup stage hands each message to: the place of Amavis in
 * Postfix's pipeline. Scanners that speak to clamd, spamd or amavisd plug in here.
 */
public interface ContentScanner {

  /** The scanner's name, for {@code X-Virus-Scanned} and the log. */
  String name();

  /**
   * Scans one whole message.
   *
   * @throws IOException when the scanner cannot give a verdict (down, timed out): the message
   *     is then refused for now (451 4.7.1) unless the gateway fails open
   */
  ScanReport scan(InputStream message) throws IOException;
}
