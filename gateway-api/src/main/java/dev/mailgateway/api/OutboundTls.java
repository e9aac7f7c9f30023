package dev.mailgateway.api;

import java.nio.file.Path;
import java.util.Optional;
import org.immutables.value.Value;

/** TLS of the SMTP client: Postfix's {@code smtp_tls_*} parameters. */
@Value.Immutable
public abstract class OutboundTls {

  /** The client certificate presented to next hops ({@code smtp_tls_cert_file}). */
  public abstract Optional<Path> certificate();

  /** The client key ({@code smtp_tls_key_file}). */
  public abstract Optional<Path> key();

  /** {@code smtp_tls_security_level}. */
  @Value.Default
  public SecurityLevel securityLevel() {
    return SecurityLevel.MAY;
  }
}
