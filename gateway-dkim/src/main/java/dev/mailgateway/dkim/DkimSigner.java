package dev.mailgateway.dkim;

import dev.mailgateway.api.Fqdn;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * Signs messages with DKIM for one domain, with one key or two (RSA and Ed25519: a dual
 * signature that old and new verifiers both accept). The body is hashed as it is read, so a large
 * message is never held in memory; the message is read once and the signature fields returned,
 * to be put on top of it.
 *
 * <pre>{@code
 * DkimSigner signer = DkimSigner.of(Fqdn.parse("example.com"), "default", key);
 * List<String> fields = signer.sign(message);  // "DKIM-Signature: v=1; a=rsa-sha256; ..."
 * }</pre>
 *
 * <p>Defaults: relaxed/relaxed, the usual header set, {@code From} over-signed (listed once more
 * than it occurs, so that no second From can be added), a timestamp, no expiry.
 */
public final class DkimSigner {

  /** The fields signed when present, in this order. */
  public static final List<String> DEFAULT_HEADERS = List.of("from", "reply-to", "sender", "to",
      "cc", "subject", "date", "message-id", "in-reply-to", "references", "mime-version",
      "content-type", "content-transfer-encoding", "content-disposition", "content-language",
      "list-id", "list-unsubscribe", "list-unsubscribe-post");

  /** Fields signed once more than they occur, so that none can be added after signing. */
  private static final Set<String> OVERSIGNED = Set.of("from");

  private static final int LINE = 76;

  private final Fqdn domain;
  private final Map<String, DkimKey> keys;
  private final Map<String, Function<byte[], byte[]>> signing;
  private final List<String> headers;
  private final Canonicalization headerCanonicalization;
  private final Canonicalization bodyCanonicalization;
  private final Optional<Duration> expiry;
  private final Clock clock;

  private DkimSigner(Fqdn domain, Map<String, DkimKey> keys, List<String> headers,
      Canonicalization header, Canonicalization body, Optional<Duration> expiry, Clock clock) {
    this.domain = domain;
    this.keys = keys;
    this.signing = new LinkedHashMap<>();
    keys.forEach((selector, key) -> signing.put(selector, SignatureScheme.signing(key)));
    this.headers = headers;
    this.headerCanonicalization = header;
    this.bodyCanonicalization = body;
    this.expiry = expiry;
    this.clock = clock;
  }

  /**
   * What makes the signatures, for a log line at start: Amazon Corretto Crypto Provider
   * (native) where it is on the class path and runs on this machine, else the JDK's provider for
   * rsa-sha256 and BouncyCastle for ed25519-sha256. {@code
   * -Ddev.mailgateway.dkim.nativeCrypto=false} turns the native one off.
   */
  public static String providers() {
    return NativeCrypto.describe();
  }

  /** A signer for a domain with a key under a selector. */
  public static DkimSigner of(Fqdn domain, String selector, DkimKey key) {
    Map<String, DkimKey> keys = new LinkedHashMap<>();
    keys.put(Selector.check(selector), Objects.requireNonNull(key, "key"));
    return new DkimSigner(domain, keys, DEFAULT_HEADERS, Canonicalization.RELAXED,
        Canonicalization.RELAXED, Optional.empty(), Clock.systemUTC());
  }

  /** The same signer adding a second signature with another key, such as Ed25519 beside RSA. */
  public DkimSigner and(String selector, DkimKey key) {
    Map<String, DkimKey> more = new LinkedHashMap<>(keys);
    if (more.put(Selector.check(selector), Objects.requireNonNull(key, "key")) != null) {
      throw new IllegalArgumentException("the selector " + selector + " is used twice");
    }
    return new DkimSigner(domain, more, headers, headerCanonicalization, bodyCanonicalization,
        expiry, clock);
  }

  /** The same signer with other fields to sign (when present); {@code from} is always signed. */
  public DkimSigner signing(List<String> names) {
    List<String> list = new ArrayList<>(names.stream().map(n -> n.strip().toLowerCase()).toList());
    if (!list.contains("from")) {
      list.add(0, "from");
    }
    return new DkimSigner(domain, keys, List.copyOf(list), headerCanonicalization,
        bodyCanonicalization, expiry, clock);
  }

  /** The same signer with other canonicalizations ({@code c=header/body}). */
  public DkimSigner canonicalization(Canonicalization header, Canonicalization body) {
    return new DkimSigner(domain, keys, headers, header, body, expiry, clock);
  }

  /** The same signer with signatures that expire ({@code x=}) this long after signing. */
  public DkimSigner expiringAfter(Duration lifetime) {
    return new DkimSigner(domain, keys, headers, headerCanonicalization, bodyCanonicalization,
        Optional.of(lifetime), clock);
  }

  /** The same signer signing with the JDK's provider and BouncyCastle even where a native one runs. */
  DkimSigner withJdkCrypto() {
    DkimSigner copy = new DkimSigner(domain, keys, headers, headerCanonicalization,
        bodyCanonicalization, expiry, clock);
    keys.forEach((selector, key) -> copy.signing.put(selector, SignatureScheme.signing(key, Optional.empty())));
    return copy;
  }

  /** The same signer with another clock for {@code t=} and {@code x=}. */
  public DkimSigner withClock(Clock other) {
    return new DkimSigner(domain, keys, headers, headerCanonicalization, bodyCanonicalization,
        expiry, other);
  }

  /** The selectors this signer signs with, in the order of the fields {@link #sign} returns. */
  public List<String> selectors() {
    return List.copyOf(keys.keySet());
  }

  /**
   * Reads a message once and returns its signature fields, one per key, each {@code
   * DKIM-Signature: ...} folded with CRLF and ending in CRLF, to be put before the message.
   *
   * @throws IllegalArgumentException when the message has no From field or a broken header
   */
  public List<String> sign(InputStream message) {
    try {
      List<HeaderField> fields = HeaderField.readBlock(message);
      if (fields.stream().noneMatch(f -> f.key().equals("from"))) {
        throw new IllegalArgumentException("the message has no From field, which DKIM must sign");
      }
      BodyHash hash = new BodyHash(OptionalLong.empty());
      try (OutputStream body = bodyCanonicalization.body(hash)) {
        message.transferTo(body);
      }
      String bodyHash = Base64.getEncoder().encodeToString(hash.digest());
      List<String> signed = signedNames(fields);
      List<String> signatures = new ArrayList<>();
      long now = clock.instant().getEpochSecond();
      keys.forEach((selector, key) -> signatures.add(signature(fields, signed, selector, key,
          bodyHash, now)));
      return signatures;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the message", e);
    }
  }

  private List<String> signedNames(List<HeaderField> fields) {
    List<String> names = new ArrayList<>();
    for (String name : headers) {
      long count = fields.stream().filter(f -> f.key().equals(name)).count();
      long times = count + (OVERSIGNED.contains(name) ? 1 : 0);
      for (long i = 0; i < times; i++) {
        names.add(name);
      }
    }
    return names;
  }

  private String signature(List<HeaderField> fields, List<String> signed, String selector,
      DkimKey key, String bodyHash, long now) {
    List<String> tags = new ArrayList<>(List.of(
        "v=1", "a=" + SignatureScheme.tag(key.algorithm()),
        "c=" + headerCanonicalization + "/" + bodyCanonicalization,
        "d=" + domain.name(), "s=" + selector, "t=" + now));
    expiry.ifPresent(lifetime -> tags.add("x=" + (now + lifetime.toSeconds())));
    tags.add("h=" + String.join(":", signed));
    tags.add("bh=" + bodyHash);
    String unsigned = fold(tags);
    byte[] data = SignatureScheme.headerData(fields, signed, headerCanonicalization, unsigned);
    String b = Base64.getEncoder().encodeToString(signing.get(selector).apply(data));
    return unsigned + foldBase64(b, unsigned.length() - unsigned.lastIndexOf('\n')) + "\r\n";
  }

  /** The field up to and including an empty {@code b=}, folded at tag boundaries. */
  private static String fold(List<String> tags) {
    StringBuilder field = new StringBuilder("DKIM-Signature:");
    int column = field.length();
    for (String tag : tags) {
      String piece = tag + ";";
      if (column + 1 + piece.length() > LINE) {
        field.append("\r\n\t");
        column = 8;
      } else {
        field.append(' ');
        column++;
      }
      field.append(piece);
      column += piece.length();
    }
    return field.append("\r\n\tb=").toString();
  }

  private static String foldBase64(String value, int column) {
    StringBuilder out = new StringBuilder();
    int room = Math.max(16, LINE - column);
    int start = 0;
    while (start < value.length()) {
      int end = Math.min(value.length(), start + room);
      if (start > 0) {
        out.append("\r\n\t ");
      }
      out.append(value, start, end);
      start = end;
      room = LINE - 9;
    }
    return out.toString();
  }
}
