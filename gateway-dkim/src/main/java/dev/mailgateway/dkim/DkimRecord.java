package dev.mailgateway.dkim;

import dev.mailgateway.api.DkimAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DKIM key record, the TXT record at {@code selector._domainkey.domain}: as a plain value for a
 * DNS provider's API, and in the zone-file form {@code opendkim-genkey} writes.
 *
 * @param algorithm the key type ({@code k=})
 * @param publicKeyData the public key ({@code p=}); empty for a revoked key
 * @param testing whether the domain is testing DKIM ({@code t=y})
 * @param emailOnly whether the key is restricted to email ({@code s=email})
 * @param hashAlgorithms the hash algorithms allowed ({@code h=}); empty for any
 */
public record DkimRecord(DkimAlgorithm algorithm, byte[] publicKeyData, boolean testing,
    boolean emailOnly, List<String> hashAlgorithms) {

  /** The length of each quoted string in the zone-file form, as opendkim-genkey cuts them. */
  private static final int ZONE_STRING_LENGTH = 250;
  private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** Copies the parts. */
  public DkimRecord {
    publicKeyData = publicKeyData.clone();
    hashAlgorithms = List.copyOf(hashAlgorithms);
  }

  /**
   * The record of a key, with {@code h=sha256} as opendkim-genkey writes it.
   *
   * @param emailOnly {@code s=email}, as {@code opendkim-genkey -r} (the image does this)
   * @param testing {@code t=y}: receivers treat failures as if unsigned
   */
  public static DkimRecord of(DkimKey key, boolean emailOnly, boolean testing) {
    return new DkimRecord(key.algorithm(), key.publicKeyData(), testing, emailOnly,
        List.of("sha256"));
  }

  /**
   * Parses a record: the plain value ({@code v=DKIM1; k=rsa; p=...}), or the zone-file text
   * with its quoted strings, which are joined first.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static DkimRecord parse(String text) {
    String value = text.contains("\"") ? joinQuoted(text) : text.strip();
    TagList tags;
    try {
      tags = TagList.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a DKIM key record: " + e.getMessage(), e);
    }
    tags.get("v").filter(v -> !v.equals("DKIM1")).ifPresent(v -> {
      throw new IllegalArgumentException("not a DKIM key record: v=" + v + ", expected DKIM1");
    });
    DkimAlgorithm algorithm;
    try {
      algorithm = DkimAlgorithm.parse(tags.lower("k", "rsa"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown key type k=" + tags.lower("k", "rsa"), e);
    }
    String p = tags.compact("p").orElseThrow(() ->
        new IllegalArgumentException("the key record has no p= (public key) tag"));
    byte[] data;
    try {
      data = Base64.getDecoder().decode(p);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("p= is not base64: " + e.getMessage(), e);
    }
    List<String> flags = List.of(tags.lower("t", "").split(":"));
    List<String> services = List.of(tags.lower("s", "*").split(":"));
    List<String> hashes = tags.get("h").map(h -> Arrays.stream(h.toLowerCase(Locale.ROOT).split(":"))
        .map(String::strip).toList()).orElse(List.of());
    return new DkimRecord(algorithm, data, flags.contains("y"),
        !services.contains("*") && services.stream().map(String::strip).anyMatch("email"::equals),
        hashes);
  }

  private static String joinQuoted(String zoneText) {
    StringBuilder value = new StringBuilder();
    Matcher matcher = QUOTED.matcher(zoneText);
    while (matcher.find()) {
      value.append(matcher.group(1).replace("\\;", ";").replace("\\\"", "\""));
    }
    return value.toString();
  }

  /** Whether the key has been revoked ({@code p=} empty). */
  public boolean isRevoked() {
    return publicKeyData.length == 0;
  }

  /**
   * The public key.
   *
   * @throws IllegalArgumentException when {@code p=} holds no key of the record's type
   */
  public PublicKey publicKey() {
    try {
      if (algorithm == DkimAlgorithm.ED25519) {
        return DkimKey.ed25519PublicKey(publicKeyData);
      }
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(publicKeyData));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("p= holds no " + algorithm + " public key: " + e.getMessage(), e);
    }
  }

  /** The TXT value: {@code v=DKIM1; h=sha256; k=rsa; s=email; p=...}. */
  public String value() {
    return String.join("", tagsBeforeKey()) + "p=" + Base64.getEncoder().encodeToString(publicKeyData);
  }

  private List<String> tagsBeforeKey() {
    List<String> tags = new ArrayList<>();
    tags.add("v=DKIM1; ");
    if (!hashAlgorithms.isEmpty()) {
      tags.add("h=" + String.join(":", hashAlgorithms) + "; ");
    }
    tags.add("k=" + algorithm.tag() + "; ");
    if (testing) {
      tags.add("t=y; ");
    }
    if (emailOnly) {
      tags.add("s=email; ");
    }
    return tags;
  }

  /**
   * The zone-file lines {@code opendkim-genkey} writes: the owner name relative to the zone, the
   * tags, then the key cut into quoted strings that DNS can hold, and a comment.
   */
  public String zoneFile(String selector, String domain) {
    StringBuilder out = new StringBuilder(Selector.check(selector)).append("._domainkey\tIN\tTXT\t( \"")
        .append(String.join("", tagsBeforeKey())).append('"');
    String key = Base64.getEncoder().encodeToString(publicKeyData);
    for (int start = 0; start < key.length() || start == 0; start += ZONE_STRING_LENGTH) {
      String piece = key.substring(start, Math.min(key.length(), start + ZONE_STRING_LENGTH));
      out.append("\n\t  \"").append(start == 0 ? "p=" : "").append(piece).append('"');
    }
    return out.append(" )  ; ----- DKIM key ").append(selector).append(" for ").append(domain)
        .append('\n').toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DkimRecord that && algorithm == that.algorithm
        && Arrays.equals(publicKeyData, that.publicKeyData) && testing == that.testing
        && emailOnly == that.emailOnly && hashAlgorithms.equals(that.hashAlgorithms);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(publicKeyData);
  }

  @Override
  public String toString() {
    return value();
  }
}
