package dev.mailgateway.dkim;

import dev.mailgateway.api.DkimAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The two signing algorithms DKIM allows today: rsa-sha256 (RFC 6376, RFC 8301) and
 * ed25519-sha256 (RFC 8463, which signs the SHA-256 of the header data, not the data itself).
 */
final class SignatureScheme {

  private SignatureScheme() {}

  /** The {@code a=} tag of an algorithm. */
  static String tag(DkimAlgorithm algorithm) {
    return algorithm.tag() + "-sha256";
  }

  /** The algorithm of an {@code a=} tag; rsa-sha1 and unknown ones are empty. */
  static Optional<DkimAlgorithm> of(String tag) {
    return switch (tag.strip().toLowerCase(Locale.ROOT)) {
      case "rsa-sha256" -> Optional.of(DkimAlgorithm.RSA);
      case "ed25519-sha256" -> Optional.of(DkimAlgorithm.ED25519);
      default -> Optional.empty();
    };
  }

  /**
   * A signing function for a key, prepared once: Ed25519 signs with BouncyCastle's
   * implementation, many times faster than the JDK's, with the public point computed once.
   */
  static Function<byte[], byte[]> signing(DkimKey key) {
    return signing(key, NativeCrypto.nativeProvider());
  }

  /**
   * A signing function whose signatures come from a native provider (RSA and Ed25519), or from
   * the JDK's (RSA) and BouncyCastle's (Ed25519) when empty. The key is translated for the
   * provider once and initialised {@link Signature}s are reused: a native provider
   * that converted the key for every signature would lose most of its speed to that.
   */
  static Function<byte[], byte[]> signing(DkimKey key, Optional<Provider> provider) {
    if (key.algorithm() == DkimAlgorithm.ED25519 && provider.isEmpty()
        && key.privateKey() instanceof EdECPrivateKey ed) {
      Ed25519PrivateKeyParameters parameters =
          new Ed25519PrivateKeyParameters(ed.getBytes().orElseThrow(), 0);
      Ed25519PublicKeyParameters publicPoint = parameters.generatePublicKey();
      return headerData -> {
        byte[] digest = sha256(headerData);
        byte[] signature = new byte[Ed25519PrivateKeyParameters.SIGNATURE_SIZE];
        parameters.sign(Ed25519.Algorithm.Ed25519, publicPoint, null, digest, 0, digest.length,
            signature, 0);
        return signature;
      };
    }
    // Initialised Signatures are lent out and given back: as many as sign at once, whether
    // sessions run on a few platform threads or on a virtual thread each (which a ThreadLocal
    // would give a new Signature, and a translated key, for every message).
    java.util.Queue<Signature> idle = new java.util.concurrent.ConcurrentLinkedQueue<>();
    return headerData -> {
      try {
        Signature signature = idle.poll();
        if (signature == null) {
          signature = instance(key.algorithm(), provider);
          signature.initSign(translated(key, provider));
        }
        signature.update(input(key.algorithm(), headerData));
        byte[] signed = signature.sign();
        // After sign() a Signature is ready for the next one with the same key.
        idle.offer(signature);
        return signed;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot sign with the " + key.algorithm() + " key: "
            + e.getMessage(), e);
      }
    };
  }

  /** The key in the provider's own form, when it has one; else as it is. */
  private static PrivateKey translated(DkimKey key, Optional<Provider> provider) {
    if (provider.isEmpty()) {
      return key.privateKey();
    }
    for (String type : List.of(key.privateKey().getAlgorithm(), key.algorithm() == DkimAlgorithm.RSA ? "RSA" : "EdDSA")) {
      try {
        return (PrivateKey) KeyFactory.getInstance(type, provider.get()).translateKey(key.privateKey());
      } catch (GeneralSecurityException | RuntimeException notThisWay) {
        // The provider may take the key as it is.
      }
    }
    return key.privateKey();
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static boolean verify(DkimAlgorithm algorithm, PublicKey key, byte[] headerData, byte[] signature) {
    try {
      Signature verifier = instance(algorithm, NativeCrypto.nativeProvider());
      verifier.initVerify(key);
      verifier.update(input(algorithm, headerData));
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static Signature instance(DkimAlgorithm algorithm, Optional<Provider> provider)
      throws GeneralSecurityException {
    String name = algorithm == DkimAlgorithm.RSA ? "SHA256withRSA" : "Ed25519";
    return provider.isPresent() ? Signature.getInstance(name, provider.get()) : Signature.getInstance(name);
  }

  private static byte[] input(DkimAlgorithm algorithm, byte[] headerData) {
    return algorithm == DkimAlgorithm.ED25519 ? sha256(headerData) : headerData;
  }

  /**
   * The header data a signature covers: the fields named in {@code h=}, each instance taken
   * from the bottom up and a name with no instance left contributing nothing, then the
   * DKIM-Signature field itself with an empty {@code b=} and no final line end.
   */
  static byte[] headerData(List<HeaderField> fields, List<String> signedNames,
      Canonicalization canonicalization, String signatureField) {
    // Each name takes the next instance of its field from the bottom (RFC 6376 5.4.2): the
    // instances are listed once, so that an h= of many names costs names plus fields.
    Map<String, List<HeaderField>> fromBottom = new HashMap<>();
    for (int i = fields.size() - 1; i >= 0; i--) {
      fromBottom.computeIfAbsent(fields.get(i).key(), k -> new java.util.ArrayList<>()).add(fields.get(i));
    }
    Map<String, Integer> used = new HashMap<>();
    StringBuilder data = new StringBuilder();
    for (String name : signedNames) {
      String key = name.strip().toLowerCase(Locale.ROOT);
      int next = used.merge(key, 1, Integer::sum) - 1;
      List<HeaderField> instances = fromBottom.getOrDefault(key, List.of());
      if (next < instances.size()) {
        data.append(canonicalization.header(instances.get(next))).append("\r\n");
      }
    }
    data.append(canonicalization.header("DKIM-Signature", signatureField));
    return data.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
