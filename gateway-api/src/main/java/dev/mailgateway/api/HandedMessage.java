package dev.mailgateway.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** A message the gateway hands to a {@link MailHandler}, with what it found on the way in. */
public interface HandedMessage {

  /** Its queue id, as the mail log names it. */
  String queueId();

  /** The envelope sender; empty for the null sender of a bounce. */
  Optional<String> sender();

  /** The envelope recipients the handler is to take: those its transport entry matches. */
  List<String> recipients();

  /**
   * The message, RFC 5322 with CRLF line ends, as queued (with the gateway's Received header,
   * its DKIM signature and its scanner's marks); each call opens it anew.
   */
  InputStream content() throws IOException;

  /** The SMTP client's address; empty for a message the application submitted. */
  Optional<String> clientAddress();

  /**
   * The SHA-256 fingerprint ({@code AA:BB:...}) of the certificate the client presented in
   * TLS, as Postfix's {@code ccert_fingerprint}; empty without one.
   */
  Optional<String> clientCertificate();

  /**
   * The inbound DKIM signatures' results, one per signature as {@code Authentication-Results}
   * writes them ({@code dkim=pass header.d=example.com header.s=sel header.a=rsa-sha256
   * header.b=AbCd1234}); empty when the message was unsigned, signed here, or the policy has no
   * DKIM.
   */
  List<String> dkimResults();

  /**
   * What the content scanner said: {@code clean}, {@code spam} (passed, marked) or {@code
   * unchecked} (the scanner failed and the policy fails open); empty when the policy does not
   * scan.
   */
  Optional<String> scanVerdict();
}
