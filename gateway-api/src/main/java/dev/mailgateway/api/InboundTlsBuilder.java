package dev.mailgateway.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Part of the DSL: TLS of the SMTP server ({@code smtpd_tls_*}). */
public final class InboundTlsBuilder {

  private static final String PATH = "tls.inbound";

  private Optional<Path> certificate = Optional.empty();
  private Optional<Path> key = Optional.empty();
  private Optional<String> securityLevel = Optional.empty();
  private Optional<Path> clientCa = Optional.empty();
  private final List<String[]> fingerprints = new ArrayList<>();

  InboundTlsBuilder() {}

  /** The server certificate or bundle, PEM ({@code smtpd_tls_cert_file}). */
  public InboundTlsBuilder certificate(Path file) {
    certificate = Optional.of(file);
    return this;
  }

  /** The server's private key, PEM ({@code smtpd_tls_key_file}). */
  public InboundTlsBuilder key(Path file) {
    key = Optional.of(file);
    return this;
  }

  /** {@code none}, {@code may} (the default) or {@code encrypt}. */
  public InboundTlsBuilder securityLevel(String level) {
    securityLevel = Optional.of(level);
    return this;
  }

  /** Lets every client certificate this CA issued relay ({@code permit_tls_all_clientcerts}). */
  public InboundTlsBuilder clientCa(Path file) {
    clientCa = Optional.of(file);
    return this;
  }

  /**
   * Lets the client whose certificate (or public key) has this SHA-1 or SHA-256 fingerprint
   * relay ({@code relay_clientcerts}, {@code permit_tls_clientcerts}).
   *
   * @param fingerprint {@code AA:BB:...}
   * @param label a one-word name for the client, such as its host name
   */
  public InboundTlsBuilder allowClientFingerprint(String fingerprint, String label) {
    fingerprints.add(new String[] {Objects.requireNonNull(fingerprint, "fingerprint"),
        Objects.requireNonNull(label, "label")});
    return this;
  }

  Optional<InboundTls> build(Violations violations) {
    if (certificate.isEmpty()) {
      violations.add(PATH + ".certificate", "inbound TLS needs a server certificate");
    }
    if (key.isEmpty()) {
      violations.add(PATH + ".key", "inbound TLS needs the server's private key");
    }
    ImmutableInboundTls.Builder tls = ImmutableInboundTls.builder();
    securityLevel.flatMap(l -> violations.parse(PATH + ".securityLevel", l, SecurityLevel::parse))
        .ifPresent(tls::securityLevel);
    clientCa.ifPresent(tls::clientCa);
    for (int i = 0; i < fingerprints.size(); i++) {
      String[] entry = fingerprints.get(i);
      violations.parse(PATH + ".fingerprints[" + i + "]", entry[0],
              fp -> new ClientFingerprint(Fingerprint.parse(fp), entry[1]))
          .ifPresent(tls::addFingerprints);
    }
    if (certificate.isEmpty() || key.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(tls.certificate(certificate.get()).key(key.get()).build());
  }
}
