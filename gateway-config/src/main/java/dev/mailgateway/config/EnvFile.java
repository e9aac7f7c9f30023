package dev.mailgateway.config;

import dev.mailgateway.api.PolicyException;
import dev.mailgateway.api.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The file format of {@code docker run --env-file}: {@code NAME=value} lines, the value taken
 * literally (no quotes removed, no variables expanded), {@code #} comment lines and blank lines.
 * A line with a name only takes that variable from the given environment, as Docker does, and is
 * left out when it is not there.
 */
public final class EnvFile {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private EnvFile() {}

  /**
   * Reads an env file.
   *
   * @param inherited the environment a name-only line takes its value from
   * @throws PolicyException naming every bad line as {@code file:line}
   */
  public static Map<String, String> read(Path file, Map<String, String> inherited) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the env file " + file, e);
    }
    return parse(file.toString(), lines(text), inherited);
  }

  /**
   * The lines of an env file as Docker reads them: split at LF only, a CR before it dropped,
   * and a UTF-8 byte-order mark at the start ignored. A CR anywhere else stays in its value,
   * where the checks of that variable see it, rather than starting a line of its own.
   */
  static List<String> lines(String text) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<String> lines = new ArrayList<>();
    for (String line : body.split("\n", -1)) {
      lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /** Parses the lines of an env file; {@code source} names it in errors. */
  public static Map<String, String> parse(String source, List<String> lines,
      Map<String, String> inherited) {
    Map<String, String> env = new LinkedHashMap<>();
    List<Violation> violations = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String trimmed = line.stripLeading();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int equals = trimmed.indexOf('=');
      String name = equals < 0 ? trimmed.strip() : trimmed.substring(0, equals);
      if (!NAME.matcher(name).matches()) {
        violations.add(new Violation(source + ":" + (i + 1),
            "'" + name + "' is not a variable name (letters, digits and _, not starting with a"
                + " digit)"));
        continue;
      }
      if (equals < 0) {
        if (inherited.containsKey(name)) {
          env.put(name, inherited.get(name));
        }
        continue;
      }
      env.put(name, trimmed.substring(equals + 1));
    }
    if (!violations.isEmpty()) {
      throw new PolicyException(violations);
    }
    return env;
  }

  /** Renders variables in the same format, one per line; values must be single lines. */
  public static String render(Map<String, String> env) {
    StringBuilder out = new StringBuilder("# Environment of the mail-gateway image, rendered by Mail"
        + " Gateway Toolkit.\n");
    env.forEach((name, value) -> {
      if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
        throw new IllegalArgumentException(
            name + " has a line break, which an env file cannot hold");
      }
      out.append(name).append('=').append(value).append('\n');
    });
    return out.toString();
  }
}
