package dev.mailgateway.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Part of the DSL: DKIM signing for one or more domains. */
public final class DkimBuilder {

  private static final String PATH = "dkim";

  private final List<String> domains = new ArrayList<>();
  private Optional<String> selector = Optional.empty();
  private Optional<String> algorithm = Optional.empty();
  private Optional<Integer> keyBits = Optional.empty();
  private Optional<Path> keyDirectory = Optional.empty();
  private Optional<Integer> maximumSignaturesToVerify = Optional.empty();

  DkimBuilder() {}

  /** Adds domains to sign for. */
  public DkimBuilder domains(String... names) {
    for (String name : names) {
      domains.add(Objects.requireNonNull(name, "domain"));
    }
    return this;
  }

  /** The selector ({@code default} unless set). */
  public DkimBuilder selector(String name) {
    selector = Optional.of(name);
    return this;
  }

  /** {@code rsa} (the default) or {@code ed25519}. */
  public DkimBuilder algorithm(String name) {
    algorithm = Optional.of(name);
    return this;
  }

  /** The RSA key size for generated keys: 2048 (the default), 3072 or 4096. */
  public DkimBuilder keyBits(int bits) {
    keyBits = Optional.of(bits);
    return this;
  }

  /** The folder with a key subfolder per domain ({@code opendkim/keys} of the image). */
  public DkimBuilder keyDirectory(Path folder) {
    keyDirectory = Optional.of(folder);
    return this;
  }

  /**
   * How many of an inbound message's signatures are verified, top to bottom (3 unless set, as
   * OpenDKIM's {@code MaximumSignaturesToVerify}).
   */
  public DkimBuilder maximumSignaturesToVerify(int count) {
    maximumSignaturesToVerify = Optional.of(count);
    return this;
  }

  Optional<DkimSigning> build(Violations violations) {
    ImmutableDkimSigning.Builder dkim = ImmutableDkimSigning.builder();
    dkim.addAllDomains(PolicyBuilder.parseAll(violations, PATH + ".domains", domains, Fqdn::parse));
    selector.ifPresent(dkim::selector);
    algorithm.flatMap(a -> violations.parse(PATH + ".algorithm", a, DkimAlgorithm::parse))
        .ifPresent(dkim::algorithm);
    keyBits.ifPresent(dkim::keyBits);
    keyDirectory.ifPresent(dkim::keyDirectory);
    maximumSignaturesToVerify.ifPresent(dkim::maximumSignaturesToVerify);
    return Optional.of(dkim.build());
  }
}
