package dev.mailgateway.runtime.cleanup;

import java.io.IOException;
import java.util.Set;

/**
 * A spam or virus scanner the cleanup stage hands each message to: the place of Amavis in
 * Postfix's pipeline. {@link ClamdScanner} and {@link SpamdScanner} speak to the real daemons,
 * {@link ScannerChain} puts several together, {@link TestSignatureScanner} stands in for both in
 * tests.
 */
public interface ContentScanner {

  /** What a scanner looks for. */
  enum Check {
    /** Viruses (ClamAV). */
    VIRUS,
    /** Spam (SpamAssassin). */
    SPAM
  }

  /** The scanner's name, for {@code X-Virus-Scanned} and the log. */
  String name();

  /** What this scanner looks for, so that a gateway can tell a check of the policy has none. */
  Set<Check> checks();

  /**
   * Scans one whole message.
   *
   * @throws IOException when the scanner cannot give a verdict (down, timed out): the message
   *     is then refused for now (451 4.7.1) unless the policy fails open
   */
  ScanReport scan(MessageContent message) throws IOException;
}
