package dev.mailgateway.dkim;

import dev.mailgateway.api.DkimAlgorithm;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
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
    return signing(key, RsaProvider.nativeProvider());
  }

  /** A signing function whose RSA signatures come from a provider, or the JDK's when empty. */
  static Function<byte[], byte[]> signing(DkimKey key, Optional<Provider> rsa) {
    if (key.algorithm() == DkimAlgorithm.ED25519 && key.privateKey() instanceof EdECPrivateKey ed) {
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
    return headerData -> {
      try {
        Signature signature = instance(key.algorithm(), rsa);
        signature.initSign(key.privateKey());
        signature.update(input(key.algorithm(), headerData));
        return signature.sign();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot sign with the " + key.algorithm() + " key: "
            + e.getMessage(), e);
      }
    };
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
      Signature verifier = instance(algorithm, RsaProvider.nativeProvider());
      verifier.initVerify(key);
      verifier.update(input(algorithm, headerData));
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static Signature instance(DkimAlgorithm algorithm, Optional<Provider> rsa)
      throws GeneralSecurityException {
    if (algorithm == DkimAlgorithm.RSA) {
      return rsa.isPresent() ? Signature.getInstance("SHA256withRSA", rsa.get())
          : Signature.getInstance("SHA256withRSA");
    }
    return Signature.getInstance("Ed25519");
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
