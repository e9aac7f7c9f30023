package dev.mailgateway.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * PEM files of keys, certificates, chains and CSRs, as openssl and Postfix write and read them.
 * Private keys are read in PKCS#1 ({@code RSA PRIVATE KEY}, {@code EC PRIVATE KEY}), PKCS#8
 * ({@code PRIVATE KEY}) and encrypted forms, and written as PKCS#8, readable by their owner only.
 * Every error names the file and what is wrong with it.
 */
public final class Pem {

  /** For the PBES2 ciphers of encrypted keys, which the JDK's providers lack; not registered globally. */
  private static final BouncyCastleProvider BOUNCY_CASTLE = new BouncyCastleProvider();

  private Pem() {}

  /**
   * Reads every certificate in a file: a certificate or a chain, leaf first.
   *
   * @throws IllegalArgumentException when the file holds no certificate or a broken one
   */
  public static List<X509Certificate> readCertificates(Path file) {
    return parseCertificates(read(file), file.toString());
  }

  /** Reads the first certificate of a file. */
  public static X509Certificate readCertificate(Path file) {
    return readCertificates(file).get(0);
  }

  /** Parses every certificate in PEM text; {@code source} names it in errors. */
  public static List<X509Certificate> parseCertificates(String pem, String source) {
    List<X509Certificate> certificates = new ArrayList<>();
    for (Object object : objects(pem, source)) {
      if (object instanceof X509CertificateHolder holder) {
        certificates.add(certificate(holder, source));
      }
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException(source + ": no PEM certificate (BEGIN CERTIFICATE) found");
    }
    return certificates;
  }

  static X509Certificate certificate(X509CertificateHolder holder, String source) {
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (CertificateException e) {
      throw new IllegalArgumentException(source + ": a broken certificate: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a private key, unencrypted.
   *
   * @throws IllegalArgumentException when the file holds no private key, a broken one, or an
   *     encrypted one
   */
  public static PrivateKey readPrivateKey(Path file) {
    return parsePrivateKey(read(file), Optional.empty(), file.toString());
  }

  /** Reads a private key that may be encrypted with this password. */
  public static PrivateKey readPrivateKey(Path file, char[] password) {
    return parsePrivateKey(read(file), Optional.of(password), file.toString());
  }

  /** Parses a private key from PEM text; {@code source} names it in errors. */
  public static PrivateKey parsePrivateKey(String pem, Optional<char[]> password, String source) {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try {
      for (Object object : objects(pem, source)) {
        if (object instanceof PEMKeyPair pair) {
          return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
        if (object instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
          return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
              new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BOUNCY_CASTLE).build(needPassword(password, source))));
        }
        if (object instanceof PEMEncryptedKeyPair encrypted) {
          return converter.getPrivateKey(encrypted.decryptKeyPair(
              new JcePEMDecryptorProviderBuilder().setProvider(BOUNCY_CASTLE).build(needPassword(password, source)))
              .getPrivateKeyInfo());
        }
      }
    } catch (PKCSException | IOException e) {
      throw new IllegalArgumentException(
          source + ": cannot decrypt or decode the private key (wrong password?): " + e.getMessage(), e);
    } catch (OperatorCreationException e) {
      throw new IllegalArgumentException(
          source + ": the key's encryption is not supported: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(source + ": no PEM private key (BEGIN ... PRIVATE KEY) found");
  }

  private static char[] needPassword(Optional<char[]> password, String source) {
    return password.orElseThrow(() -> new IllegalArgumentException(
        source + ": the private key is encrypted; give its password"));
  }

  /**
   * Reads a certificate signing request (PKCS#10).
   *
   * @throws IllegalArgumentException when the file holds none
   */
  public static PKCS10CertificationRequest readCsr(Path file) {
    return parseCsr(read(file), file.toString());
  }

  /**
   * Parses a certificate signing request from PEM text; {@code source} names it in errors.
   *
   * @throws IllegalArgumentException when the text holds none
   */
  public static PKCS10CertificationRequest parseCsr(String pem, String source) {
    for (Object object : objects(pem, source)) {
      if (object instanceof PKCS10CertificationRequest csr) {
        return csr;
      }
    }
    throw new IllegalArgumentException(
        source + ": no PEM certificate request (BEGIN CERTIFICATE REQUEST) found");
  }

  private static List<Object> objects(String pem, String source) {
    List<Object> objects = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        objects.add(object);
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(source + ": broken PEM (truncated, or damaged base64): "
          + e.getMessage(), e);
    }
    return objects;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The PEM text of certificates, keys or CSRs. */
  public static String encode(Object... objects) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (Object object : objects) {
        if (object instanceof PrivateKey key) {
          // PKCS#8 always: BouncyCastle would write an EC key as SEC1, without its curve.
          writer.writeObject(new JcaPKCS8Generator(key, null));
        } else {
          writer.writeObject(object);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode PEM", e);
    }
    return text.toString();
  }

  /** Writes certificates (a chain, leaf first) to a file readable by everyone. */
  public static void writeCertificates(Path file, List<X509Certificate> chain) {
    write(file, encode(chain.toArray()), "rw-r--r--");
  }

  /** Writes a private key as PKCS#8, readable by its owner only from the first byte on. */
  public static void writePrivateKey(Path file, PrivateKey key) {
    write(file, encode(key), "rw-------");
  }

  /** Writes a CSR to a file readable by everyone. */
  public static void writeCsr(Path file, PKCS10CertificationRequest csr) {
    write(file, encode(csr), "rw-r--r--");
  }

  private static void write(Path file, String text, String permissions) {
    Path absolute = file.toAbsolutePath();
    try {
      Files.createDirectories(absolute.getParent());
      Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
      try {
        Files.writeString(temp, text, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(permissions));
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + absolute, e);
    }
  }
}
