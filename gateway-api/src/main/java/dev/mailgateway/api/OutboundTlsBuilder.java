package dev.mailgateway.api;

import java.nio.file.Path;
import java.util.Optional;

/** Part of the DSL: TLS of the SMTP client ({@code smtp_tls_*}). */
public final class OutboundTlsBuilder {

  private static final String PATH = "tls.outbound";

  private Optional<Path> certificate = Optional.empty();
  private Optional<Path> key = Optional.empty();
  private Optional<String> securityLevel = Optional.empty();

  OutboundTlsBuilder() {}

  /** The client certificate shown to next hops, PEM ({@code smtp_tls_cert_file}). */
  public OutboundTlsBuilder certificate(Path file) {
    certificate = Optional.of(file);
    return this;
  }

  /** The client certificate's private key, PEM ({@code smtp_tls_key_file}). */
  public OutboundTlsBuilder key(Path file) {
    key = Optional.of(file);
    return this;
  }

  /** {@code smtp_tls_security_level}: {@code may} (the default), {@code encrypt}, {@code verify}... */
  public OutboundTlsBuilder securityLevel(String level) {
    securityLevel = Optional.of(level);
    return this;
  }

  Optional<OutboundTls> build(Violations violations) {
    if (certificate.isPresent() != key.isPresent()) {
      String missing = certificate.isPresent() ? "key" : "certificate";
      violations.add(PATH + "." + missing,
          "a client certificate needs both the certificate and its key");
    }
    ImmutableOutboundTls.Builder tls = ImmutableOutboundTls.builder();
    certificate.ifPresent(tls::certificate);
    key.ifPresent(tls::key);
    securityLevel.flatMap(l -> violations.parse(PATH + ".securityLevel", l, SecurityLevel::parse))
        .ifPresent(tls::securityLevel);
    return Optional.of(tls.build());
  }
}
