package dev.mailgateway.dkim;

import dev.mailgateway.api.DkimSigning;
import dev.mailgateway.api.Fqdn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * DKIM keys of many domains, laid out as the image and {@code opendkim-genkey} lay them out:
 * {@code <keys>/<domain>/<selector>.private} beside the record in {@code <selector>.txt}. Paths
 * come from {@link DkimSigning#privateKey}, the same method the OpenDKIM KeyTable is rendered
 * with, so the table and the store cannot disagree. Existing keys are never overwritten.
 */
public final class DkimKeyStore {

  private final DkimSigning policy;

  private DkimKeyStore(DkimSigning policy) {
    this.policy = policy;
  }

  /** The store of a policy's DKIM part: its key folder, selector and algorithm. */
  public static DkimKeyStore of(DkimSigning policy) {
    return new DkimKeyStore(policy);
  }

  /** Where a domain's private key lies. */
  public Path privateKeyFile(Fqdn domain) {
    return policy.privateKey(domain);
  }

  /** Where a domain's record lies, beside its key. */
  public Path recordFile(Fqdn domain) {
    return privateKeyFile(domain).resolveSibling(policy.selector() + ".txt");
  }

  /**
   * Generates the key of every domain that has none yet, restricted to email ({@code s=email})
   * as the image's {@code opendkim-genkey -r} does, and writes its record beside it.
   *
   * @return the keys generated now, to print their DNS records
   */
  public List<GeneratedKey> generateMissing() {
    List<GeneratedKey> generated = new ArrayList<>();
    for (Fqdn domain : policy.domains()) {
      Path keyFile = privateKeyFile(domain);
      if (Files.exists(keyFile)) {
        continue;
      }
      DkimKey key = DkimKey.generate(policy.algorithm(), policy.keyBits(), false);
      DkimRecord record = DkimRecord.of(key, true, false);
      try {
        Files.createDirectories(keyFile.getParent());
        key.write(keyFile);
        Files.writeString(recordFile(domain), record.zoneFile(policy.selector(), domain.name()),
            StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the DKIM key of " + domain, e);
      }
      generated.add(new GeneratedKey(domain, policy.selector(), record));
    }
    return generated;
  }

  /**
   * A domain's key.
   *
   * @throws IllegalArgumentException when it is missing or broken
   */
  public DkimKey key(Fqdn domain) {
    Path file = privateKeyFile(domain);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no DKIM key for " + domain + " at " + file);
    }
    // Keys the image's opendkim-genkey made may have 1024 bits: they sign as they did there.
    return DkimKey.read(file, true);
  }

  /** A domain's record: from its file, or derived from its key when the file is missing. */
  public DkimRecord record(Fqdn domain) {
    Path file = recordFile(domain);
    if (Files.isRegularFile(file)) {
      try {
        return DkimRecord.parse(Files.readString(file, StandardCharsets.US_ASCII));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
      }
    }
    return DkimRecord.of(key(domain), true, false);
  }

  /** A signer for a domain with its key under the policy's selector. */
  public DkimSigner signer(Fqdn domain) {
    return DkimSigner.of(domain, policy.selector(), key(domain));
  }
}
