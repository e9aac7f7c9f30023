package dev.mailgateway.api;

import java.nio.file.Path;
import java.util.List;
import org.immutables.value.Value;

/**
 * DKIM signing of outgoing mail for one or more domains (OpenDKIM's KeyTable and SigningTable).
 * Keys lie in {@code keyDirectory/<domain>/<selector>.private}, as {@code opendkim-genkey}
 * writes them.
 */
@Value.Immutable
public abstract class DkimSigning {

  /** The image's key folder. */
  public static final Path DEFAULT_KEY_DIRECTORY = Path.of("/etc/postfix/additional/opendkim/keys");

  /** OpenDKIM's default {@code MaximumSignaturesToVerify}. */
  public static final int OPENDKIM_SIGNATURES_TO_VERIFY = 3;

  /** The domains signed for. */
  public abstract List<Fqdn> domains();

  /** The selector, the DNS label under {@code _domainkey}. */
  @Value.Default
  public String selector() {
    return "default";
  }

  /** The key algorithm. */
  @Value.Default
  public DkimAlgorithm algorithm() {
    return DkimAlgorithm.RSA;
  }

  /** The RSA key size in bits when keys are generated. */
  @Value.Default
  public int keyBits() {
    return 2048;
  }

  /**
   * How many of an inbound message's signatures are verified, top to bottom; the rest are
   * ignored (OpenDKIM's {@code MaximumSignaturesToVerify}, whose default this is; RFC 6376 6.1
   * lets a verifier bound its work). A message with a thousand signatures costs three key
   * lookups, not a thousand.
   */
  @Value.Default
  public int maximumSignaturesToVerify() {
    return OPENDKIM_SIGNATURES_TO_VERIFY;
  }

  /** The folder holding a subfolder of keys for each domain. */
  @Value.Default
  public Path keyDirectory() {
    return DEFAULT_KEY_DIRECTORY;
  }

  /** Where the private key of a domain lies. */
  public Path privateKey(Fqdn domain) {
    return keyDirectory().resolve(domain.name()).resolve(selector() + ".private");
  }
}
