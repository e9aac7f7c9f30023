package dev.mailgateway.cli;

import dev.mailgateway.api.DkimAlgorithm;
import dev.mailgateway.api.Fqdn;
import dev.mailgateway.dkim.DkimKey;
import dev.mailgateway.dkim.BoundedKeyResolver;
import dev.mailgateway.dkim.DkimKeyResolver;
import dev.mailgateway.dkim.DkimRecord;
import dev.mailgateway.dkim.DkimResult;
import dev.mailgateway.dkim.DkimSigner;
import dev.mailgateway.dkim.DkimVerifier;
import dev.mailgateway.dkim.DnsKeyResolver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gateway dkim}: keys, records, signing and verification from the command line. */
@Command(name = "dkim", mixinStandardHelpOptions = true,
    description = "DKIM keys and DNS records as opendkim-genkey makes them; sign and verify messages.",
    subcommands = {DkimCommand.Keygen.class, DkimCommand.Record.class, DkimCommand.Sign.class,
        DkimCommand.Verify.class})
final class DkimCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Standard input, where the message comes from; replaced by tests. */
  static InputStream messageInput = System.in;
  /** Standard output as bytes, where a signed message goes; replaced by tests. */
  static OutputStream messageOutput = System.out;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "keygen", mixinStandardHelpOptions = true,
      description = "Generate a key: writes S.private (owner-only) and S.txt into DIR as"
          + " opendkim-genkey does, and prints the DNS record.")
  static final class Keygen implements Callable<Integer> {
    @Option(names = "--domain", required = true, paramLabel = "D", description = "The signing domain.")
    String domain;

    @Option(names = "--selector", defaultValue = "default", paramLabel = "S",
        description = "The selector (default: ${DEFAULT-VALUE}).")
    String selector;

    @Option(names = "--algorithm", defaultValue = "rsa", paramLabel = "rsa|ed25519",
        description = "The key type (default: ${DEFAULT-VALUE}).")
    String algorithm;

    @Option(names = "--bits", defaultValue = "2048", paramLabel = "N",
        description = "RSA key size: 2048 (default), 3072 or 4096.")
    int bits;

    @Option(names = "--allow-weak", description = "Allow 1024-bit RSA keys.")
    boolean allowWeak;

    @Option(names = "--restrict", description = "Restrict the key to email (s=email).")
    boolean restrict;

    @Option(names = "--testmode", description = "Mark the domain as testing DKIM (t=y).")
    boolean testMode;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Fqdn name = Fqdn.parse(domain);
      // The selector names the files: nothing but DNS labels, never a path.
      Path keyFile = out.resolve(dev.mailgateway.dkim.Selector.check(selector) + ".private");
      Path recordFile = out.resolve(selector + ".txt");
      for (Path file : List.of(keyFile, recordFile)) {
        if (Files.exists(file)) {
          throw new IllegalArgumentException(file + " exists already; move it away first");
        }
      }
      DkimKey key = DkimKey.generate(DkimAlgorithm.parse(algorithm), bits, allowWeak);
      DkimRecord record = DkimRecord.of(key, restrict, testMode);
      String zone = record.zoneFile(selector, name.name());
      key.write(keyFile);
      write(recordFile, zone);
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.print(zone);
      stdout.flush();
      return 0;
    }
  }

  @Command(name = "record", mixinStandardHelpOptions = true,
      description = "Print the DNS record of an existing private key.")
  static final class Record implements Callable<Integer> {
    @CommandLine.Mixin
    KeyIdentity identity;

    @Option(names = "--restrict", description = "Restrict the key to email (s=email).")
    boolean restrict;

    @Option(names = "--value", description = "Print the plain TXT value, for a DNS provider's API.")
    boolean plain;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      DkimRecord record = DkimRecord.of(identity.key(), restrict, false);
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.print(plain ? record.value() + "\n" : record.zoneFile(identity.selector, identity.domain().name()));
      stdout.flush();
      return 0;
    }
  }

  @Command(name = "sign", mixinStandardHelpOptions = true,
      description = "Sign the message on standard input; the signed message goes to standard output.")
  static final class Sign implements Callable<Integer> {
    @CommandLine.Mixin
    KeyIdentity identity;

    @Override
    public Integer call() throws IOException {
      DkimSigner signer = DkimSigner.of(identity.domain(), identity.selector, identity.key());
      Path spool = Files.createTempFile("gateway-dkim-", ".eml");
      try {
        // The signature goes on top, but needs the whole body: spool it once to disk, not memory.
        Files.copy(messageInput, spool, StandardCopyOption.REPLACE_EXISTING);
        List<String> fields;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(spool))) {
          fields = signer.sign(in);
        }
        boolean unix = usesUnixLineEnds(spool);
        for (String field : fields) {
          messageOutput.write((unix ? field.replace("\r\n", "\n") : field)
              .getBytes(StandardCharsets.ISO_8859_1));
        }
        Files.copy(spool, messageOutput);
        messageOutput.flush();
        return 0;
      } finally {
        Files.deleteIfExists(spool);
      }
    }

    private static boolean usesUnixLineEnds(Path message) throws IOException {
      try (InputStream in = Files.newInputStream(message)) {
        int previous = -1;
        for (int b = in.read(); b != -1; previous = b, b = in.read()) {
          if (b == '\n') {
            return previous != '\r';
          }
        }
        return false;
      }
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Verify every DKIM signature of the message on standard input; prints an"
          + " Authentication-Results field and exits 0 when all pass, 1 otherwise.")
  static final class Verify implements Callable<Integer> {
    @Option(names = "--dns-record", paramLabel = "FILE",
        description = "Take the key from this record file (S.txt) instead of DNS.")
    Path record;

    @Option(names = "--authserv-id", defaultValue = "gateway", paramLabel = "ID",
        description = "The host name in the Authentication-Results field (default: ${DEFAULT-VALUE}).")
    String authservId;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      // Each key name asked once and all lookups within one budget, as the gateway does: a
      // message with a thousand signatures must not take a thousand DNS timeouts.
      DkimKeyResolver keys = BoundedKeyResolver.of(
          record == null ? DnsKeyResolver.system() : fromFile(record), Duration.ofSeconds(10));
      List<DkimResult> results = new DkimVerifier(keys).verify(new BufferedInputStream(messageInput));
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.println(DkimResult.authenticationResults(authservId, results).replace("\r\n", "\n"));
      stdout.flush();
      return results.stream().allMatch(DkimResult::passed) ? 0 : 1;
    }

    /** Any name resolves to the one record in the file: the signature names the key, the user vouches for it. */
    private static DkimKeyResolver fromFile(Path file) throws IOException {
      DkimRecord parsed;
      try {
        parsed = DkimRecord.parse(Files.readString(file, StandardCharsets.US_ASCII));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
      } catch (java.nio.charset.CharacterCodingException e) {
        throw new IllegalArgumentException(file + ": a DNS record is ASCII text, and this file"
            + " holds another byte", e);
      } catch (IOException e) {
        throw new IllegalArgumentException("--dns-record: " + FailureReport.reason(e), e);
      }
      return name -> List.of(parsed.value());
    }
  }

  /** The options that name a key and where it signs, mixed into the commands that use one. */
  static final class KeyIdentity {
    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The private key, PEM.")
    Path key;

    @Option(names = "--domain", required = true, paramLabel = "D", description = "The signing domain.")
    String domain;

    @Option(names = "--selector", required = true, paramLabel = "S", description = "The selector.")
    String selector;

    @Option(names = "--allow-weak", description = "Allow a 1024-bit RSA key.")
    boolean allowWeak;

    DkimKey key() {
      return DkimKey.read(key, allowWeak);
    }

    Fqdn domain() {
      return Fqdn.parse(domain);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
