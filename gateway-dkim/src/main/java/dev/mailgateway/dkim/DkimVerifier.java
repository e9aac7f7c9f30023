package dev.mailgateway.dkim;

import dev.mailgateway.api.DkimAlgorithm;
import dev.mailgateway.dkim.DkimResult.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Verifies every DKIM signature of a message (RFC 6376 section 6), one result each, top to
 * bottom. The body is hashed as it is read, once for all signatures. Public keys come from a
 * {@link DkimKeyResolver}: DNS in production, memory in tests.
 */
public final class DkimVerifier {

  private static final Pattern B_VALUE = Pattern.compile("((?:^|;)[ \\t\\r\\n]*b[ \\t\\r\\n]*=)[^;]*");
  private static final int SIGNATURE_START = 8;
  private static final Pattern ALGORITHM = Pattern.compile("[A-Za-z][A-Za-z0-9]*-[A-Za-z][A-Za-z0-9]*");
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=]+");

  private final DkimKeyResolver keys;
  private final Clock clock;

  /** A verifier that finds keys with the resolver and judges expiry by the system clock. */
  public DkimVerifier(DkimKeyResolver keys) {
    this(keys, Clock.systemUTC());
  }

  /** A verifier that judges expiry ({@code x=}) by a clock. */
  public DkimVerifier(DkimKeyResolver keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  /**
   * Verifies every signature of a message; a message without signatures gives one {@code none}
   * result.
   *
   * @throws IllegalArgumentException when the header block is no header block at all
   */
  public List<DkimResult> verify(InputStream message) {
    return verify(message, Integer.MAX_VALUE);
  }

  /**
   * Verifies the first {@code maximum} signatures of a message, top to bottom, and ignores the
   * rest, as OpenDKIM's {@code MaximumSignaturesToVerify} does; a message without signatures
   * gives one {@code none} result.
   *
   * @throws IllegalArgumentException when the header block is no header block at all
   */
  public List<DkimResult> verify(InputStream message, int maximum) {
    try {
      List<HeaderField> fields = HeaderField.readBlock(message);
      List<Check> checks = new ArrayList<>();
      for (HeaderField field : fields) {
        if (field.key().equals("dkim-signature") && checks.size() < maximum) {
          checks.add(new Check(field));
        }
      }
      List<OutputStream> bodies = new ArrayList<>();
      for (Check check : checks) {
        check.prepare().ifPresent(bodies::add);
      }
      try (OutputStream body = new Fanout(bodies)) {
        message.transferTo(body);
      }
      if (checks.isEmpty()) {
        return List.of(DkimResult.none());
      }
      return checks.stream().map(check -> check.finish(fields)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the message", e);
    }
  }

  /** One signature on its way through verification. */
  private final class Check {
    private final HeaderField field;
    private TagList tags;
    private Optional<DkimResult> early = Optional.empty();
    private BodyHash bodyHash;
    private OutputStream bodyStream;
    private Canonicalization headerCanonicalization;
    private DkimAlgorithm algorithm;
    private DkimRecord record;

    Check(HeaderField field) {
      this.field = field;
    }

    /** Checks everything that needs no body; returns the stream the body goes into. */
    Optional<OutputStream> prepare() {
      try {
        tags = TagList.parse(field.value());
      } catch (IllegalArgumentException e) {
        early = Optional.of(result(Status.PERMERROR, "signature syntax: " + e.getMessage()));
        return Optional.empty();
      }
      try {
        for (String required : List.of("v", "a", "b", "bh", "d", "h", "s")) {
          tags.require(required);
        }
        if (!DomainName.isValid(tags.require("d"))) {
          return fail(Status.PERMERROR, "d= is not a domain name");
        }
        if (!Selector.isValid(tags.require("s"))) {
          return fail(Status.PERMERROR, "s= is not a selector");
        }
        if (!tags.require("v").equals("1")) {
          return fail(Status.PERMERROR, "unsupported version v=" + tags.require("v"));
        }
        Optional<DkimAlgorithm> scheme = SignatureScheme.of(tags.require("a"));
        if (scheme.isEmpty()) {
          return fail(Status.PERMERROR, "unsupported algorithm a=" + tags.require("a")
              + (tags.require("a").equalsIgnoreCase("rsa-sha1") ? " (RFC 8301)" : ""));
        }
        algorithm = scheme.get();
        String[] c = tags.get("c").orElse("simple/simple").split("/", -1);
        headerCanonicalization = Canonicalization.parse(c[0]);
        Canonicalization bodyCanonicalization = Canonicalization.parse(c.length > 1 ? c[1] : "simple");
        List<String> signed = signedNames();
        if (!signed.contains("from")) {
          return fail(Status.PERMERROR, "From is not signed (h= must list it)");
        }
        String domain = tags.require("d").toLowerCase(Locale.ROOT);
        Optional<String> identityDomain = tags.get("i").map(i -> i.substring(i.lastIndexOf('@') + 1)
            .toLowerCase(Locale.ROOT));
        if (identityDomain.isPresent() && !(identityDomain.get().equals(domain)
            || identityDomain.get().endsWith("." + domain))) {
          return fail(Status.PERMERROR, "i= is not within d=" + domain);
        }
        OptionalLong timestamp = number("t");
        OptionalLong expiry = number("x");
        if (timestamp.isPresent() && expiry.isPresent() && expiry.getAsLong() < timestamp.getAsLong()) {
          return fail(Status.PERMERROR, "x= is before t=");
        }
        if (expiry.isPresent() && clock.instant().getEpochSecond() > expiry.getAsLong()) {
          return fail(Status.FAIL, "signature expired");
        }
        OptionalLong length = number("l");
        Optional<DkimResult> keyProblem = key(domain, identityDomain);
        if (keyProblem.isPresent()) {
          early = keyProblem;
          return Optional.empty();
        }
        bodyHash = new BodyHash(length);
        bodyStream = bodyCanonicalization.body(bodyHash);
        return Optional.of(bodyStream);
      } catch (IllegalArgumentException e) {
        return fail(Status.PERMERROR, "signature syntax: " + e.getMessage());
      }
    }

    private Optional<DkimResult> key(String domain, Optional<String> identityDomain) {
      String name = tags.require("s") + "._domainkey." + domain;
      List<String> txt;
      try {
        txt = keys.lookup(name);
      } catch (DkimKeyResolver.KeyLookupException e) {
        return Optional.of(result(e.isTemporary() ? Status.TEMPERROR : Status.PERMERROR,
            "key lookup: " + e.getMessage()));
      }
      if (txt.isEmpty()) {
        // RFC 6376's PERMFAIL; reported as fail, as OpenDKIM does ("key not found in DNS").
        return Optional.of(result(Status.FAIL, "no key for signature at " + name));
      }
      try {
        record = DkimRecord.parse(txt.get(0));
      } catch (IllegalArgumentException e) {
        return Optional.of(result(Status.PERMERROR, "key record at " + name + ": " + e.getMessage()));
      }
      if (record.isRevoked()) {
        return Optional.of(result(Status.PERMERROR, "key revoked"));
      }
      if (record.algorithm() != algorithm) {
        return Optional.of(result(Status.PERMERROR, "key type " + record.algorithm()
            + " does not match a=" + tags.require("a")));
      }
      if (!record.hashAlgorithms().isEmpty() && !record.hashAlgorithms().contains("sha256")) {
        return Optional.of(result(Status.PERMERROR, "the key does not allow sha256 (h="
            + String.join(":", record.hashAlgorithms()) + ")"));
      }
      return Optional.empty();
    }

    private Optional<OutputStream> fail(Status status, String reason) {
      early = Optional.of(result(status, reason));
      return Optional.empty();
    }

    private OptionalLong number(String tag) {
      Optional<String> value = tags.get(tag);
      if (value.isEmpty()) {
        return OptionalLong.empty();
      }
      if (!value.get().matches("\\d{1,18}")) {
        throw new IllegalArgumentException(tag + "=" + value.get() + " is not a number");
      }
      return OptionalLong.of(Long.parseLong(value.get()));
    }

    private List<String> signedNames() {
      return Arrays.stream(tags.require("h").split(":"))
          .map(name -> name.strip().toLowerCase(Locale.ROOT)).toList();
    }

    DkimResult finish(List<HeaderField> fields) {
      if (early.isPresent()) {
        return early.get();
      }
      OptionalLong length = number("l");
      if (length.isPresent() && bodyHash.length() < length.getAsLong()) {
        return result(Status.FAIL, "l=" + length.getAsLong() + " is longer than the body ("
            + bodyHash.length() + " canonical bytes)");
      }
      byte[] expected;
      byte[] signature;
      try {
        expected = Base64.getDecoder().decode(tags.compact("bh").orElseThrow());
        signature = Base64.getDecoder().decode(tags.compact("b").orElseThrow());
      } catch (IllegalArgumentException e) {
        return result(Status.PERMERROR, "bh= or b= is not base64");
      }
      if (!Arrays.equals(expected, bodyHash.digest())) {
        return result(Status.FAIL, "body hash did not verify");
      }
      String stub = B_VALUE.matcher(field.raw().substring(field.raw().indexOf(':') + 1))
          .replaceFirst("$1");
      String unsigned = field.raw().substring(0, field.raw().indexOf(':') + 1) + stub;
      byte[] data = SignatureScheme.headerData(fieldsAbove(fields), signedNames(),
          headerCanonicalization, unsigned);
      if (!SignatureScheme.verify(algorithm, record.publicKey(), data, signature)) {
        return result(Status.FAIL, "signature did not verify");
      }
      return result(Status.PASS, "");
    }

    /** Every field but this signature itself: a signature never covers its own field in h=. */
    private List<HeaderField> fieldsAbove(List<HeaderField> fields) {
      return fields.stream().filter(f -> f != field).toList();
    }

    /**
     * The result; a tag value goes into it (and so into an Authentication-Results field and the
     * log) only when it has its grammar's form, since it comes from anyone who sends mail.
     */
    private DkimResult result(Status status, String reason) {
      Optional<TagList> known = Optional.ofNullable(tags);
      return new DkimResult(status, reason,
          known.flatMap(t -> t.get("d")).filter(DomainName::isValid).map(d -> d.toLowerCase(Locale.ROOT)),
          known.flatMap(t -> t.get("s")).filter(Selector::isValid),
          known.flatMap(t -> t.get("a")).filter(a -> ALGORITHM.matcher(a).matches())
              .map(a -> a.toLowerCase(Locale.ROOT)),
          known.flatMap(t -> t.compact("b"))
              .map(b -> b.substring(0, Math.min(SIGNATURE_START, b.length())))
              .filter(b -> BASE64.matcher(b).matches()),
          record != null && record.testing());
    }
  }

  /** Writes the same bytes to several streams and closes them all. */
  private static final class Fanout extends OutputStream {
    private final List<OutputStream> targets;

    Fanout(List<OutputStream> targets) {
      this.targets = targets;
    }

    @Override
    public void write(int b) throws IOException {
      for (OutputStream target : targets) {
        target.write(b);
      }
    }

    @Override
    public void write(byte[] bytes, int offset, int count) throws IOException {
      for (OutputStream target : targets) {
        target.write(bytes, offset, count);
      }
    }

    @Override
    public void close() throws IOException {
      for (OutputStream target : targets) {
        target.close();
      }
    }
  }
}
