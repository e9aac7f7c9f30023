package dev.mailgateway.dkim;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import java.util.Optional;

/**
 * Where signatures come from: Amazon Corretto Crypto Provider (AWS-LC, OpenSSL's speed: RSA
 * about three times the JDK's, Ed25519 several times BouncyCastle's) when it is on the class path
 * and loads on this machine, else the JDK's (RSA) and BouncyCastle's (Ed25519). It is asked for by name and never installed, so an application's provider order
 * stays as the application set it. {@code -Ddev.mailgateway.dkim.nativeCrypto=false} turns it off.
 */
final class NativeCrypto {

  private static final String NATIVE_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";
  private static final Optional<Provider> NATIVE = loadNative();

  private NativeCrypto() {}

  /** The native provider, when there is one that works here. */
  static Optional<Provider> nativeProvider() {
    return NATIVE;
  }

  /** What signs, in words for a log line. */
  static String describe() {
    return NATIVE.map(p -> "rsa-sha256 and ed25519-sha256 by " + p.getName() + " "
        + p.getVersionStr() + " (native, AWS-LC)").orElseGet(() -> {
          try {
            return "rsa-sha256 by " + Signature.getInstance("SHA256withRSA").getProvider().getName()
                + " (the JDK's), ed25519-sha256 by BouncyCastle";
          } catch (GeneralSecurityException e) {
            return "no provider of SHA256withRSA";
          }
        });
  }

  private static Optional<Provider> loadNative() {
    if (!Boolean.parseBoolean(System.getProperty("dev.mailgateway.dkim.nativeCrypto", "true"))) {
      return Optional.empty();
    }
    try {
      Class<?> type = Class.forName(NATIVE_CLASS);
      Provider provider = (Provider) type.getField("INSTANCE").get(null);
      if (type.getMethod("getLoadingError").invoke(provider) != null) {
        // Its native library did not load (another OS or architecture): the JDK signs.
        return Optional.empty();
      }
      Signature.getInstance("SHA256withRSA", provider);
      return Optional.of(provider);
    } catch (ReflectiveOperationException | LinkageError | GeneralSecurityException | RuntimeException absent) {
      return Optional.empty();
    }
  }
}
