package dev.mailgateway.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names of Postfix's main.cf parameters (Postfix 3.7, from {@code postconf -d}): the only
 * names a raw override may set, so that a typo or an injected line cannot reach main.cf.
 */
public final class PostfixParameters {

  private static final Set<String> NAMES = load();

  private PostfixParameters() {}

  /** Whether Postfix knows a main.cf parameter of this name; names are case-sensitive. */
  public static boolean isKnown(String name) {
    return NAMES.contains(name);
  }

  /**
   * The parameter a name means whatever its case: {@code smtp_tls_cafile} is {@code
   * smtp_tls_CAfile}, which Postfix would not see under the lower-case name. Empty when Postfix
   * knows no such parameter.
   */
  public static Optional<String> named(String name) {
    return Optional.ofNullable(ByLowerCase.NAMES.get(name.toLowerCase(Locale.ROOT)));
  }

  /**
   * Each name by its lower-case form (a handful have capitals: {@code smtp_tls_CAfile}), made at
   * the first {@link #named}: validating a policy's overrides asks {@link #isKnown} only.
   */
  private static final class ByLowerCase {
    static final Map<String, String> NAMES = byLowerCase();

    private static Map<String, String> byLowerCase() {
      Map<String, String> names = new HashMap<>();
      for (String name : PostfixParameters.NAMES) {
        names.put(name.toLowerCase(Locale.ROOT), name);
      }
      return Map.copyOf(names);
    }
  }

  private static Set<String> load() {
    try (InputStream in = PostfixParameters.class.getResourceAsStream("postfix-parameters.txt")) {
      if (in == null) {
        throw new IllegalStateException("postfix-parameters.txt is missing from the classpath");
      }
      Set<String> names = new TreeSet<>();
      new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .forEach(names::add);
      return Set.copyOf(names);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
