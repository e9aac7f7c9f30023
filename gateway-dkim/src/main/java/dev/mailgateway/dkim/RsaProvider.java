package dev.mailgateway.dkim;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import java.util.Optional;

/**
 * Where RSA signatures come from: Amazon Corretto Crypto Provider (AWS-LC, OpenSSL's speed,
 * about three times the JDK's) when it is on the class path and loads on this machine, else the
 * JDK's own. It is asked for by name and never installed, so an application's provider order
 * stays as the application set it.
 */
final class RsaProvider {

  private static final String NATIVE_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";
  private static final Optional<Provider> NATIVE = loadNative();

  private RsaProvider() {}

  /** The native provider, when there is one that works here. */
  static Optional<Provider> nativeProvider() {
    return NATIVE;
  }

  /** What signs RSA, in words for a log line. */
  static String describe() {
    return NATIVE.map(p -> p.getName() + " " + p.getVersionStr() + " (native, AWS-LC)")
        .orElseGet(() -> {
          try {
            return Signature.getInstance("SHA256withRSA").getProvider().getName() + " (the JDK's)";
          } catch (GeneralSecurityException e) {
            return "no provider of SHA256withRSA";
          }
        });
  }

  private static Optional<Provider> loadNative() {
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
