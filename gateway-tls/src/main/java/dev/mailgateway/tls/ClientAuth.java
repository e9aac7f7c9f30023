package dev.mailgateway.tls;

/** Whether a TLS server asks clients for a certificate. */
public enum ClientAuth {
  /** Never asks. */
  NONE,
  /** Asks, and goes on without one: Postfix's {@code smtpd_tls_ask_ccert = yes}. */
  WANT,
  /** Asks and refuses a client without a certificate the CAs issued. */
  NEED
}
