package dev.mailgateway.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.mailgateway.api.GatewayPolicy;
import dev.mailgateway.api.PolicyException;
import dev.mailgateway.api.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Policy files in YAML or JSON. Reading validates exactly as the DSL does and reports every
 * violation with its path; writing puts down every field, defaults included.
 */
public final class PolicyFiles {

  /** The two formats. */
  public enum Format {
    /** YAML 1.1, as Jackson writes it. */
    YAML,
    /** JSON. */
    JSON;

    /** The format a file name's extension says: .json is JSON, anything else YAML. */
    public static Format of(Path file) {
      return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
    }

    ObjectMapper mapper() {
      ObjectMapper mapper = this == JSON
          ? new ObjectMapper()
          : new ObjectMapper(YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .build());
      return mapper.enable(SerializationFeature.INDENT_OUTPUT);
    }
  }

  /** The largest policy file read: YAML's own limit on a document (3 MB of text). */
  static final long MAX_BYTES = 3L * 1024 * 1024;

  private PolicyFiles() {}

  /**
   * Reads a policy file, YAML or JSON by its extension.
   *
   * @throws PolicyException with every violation, syntax errors as {@code file:line}
   */
  public static GatewayPolicy read(Path file) {
    String text;
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        // Refused before it is read: the YAML parser's own limit would apply only after the
        // whole file were in memory.
        throw new PolicyException(List.of(new Violation(file.toString(), "the policy file has "
            + size + " bytes; a policy file has at most " + MAX_BYTES)));
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the policy file " + file, e);
    }
    return parse(text, Format.of(file), file.toString());
  }

  /**
   * Parses a policy from text.
   *
   * @param source names the text in syntax errors
   * @throws PolicyException with every violation
   */
  public static GatewayPolicy parse(String text, Format format, String source) {
    List<Violation> shape = DocumentShape.check(format.mapper().getFactory(), text, source);
    if (!shape.isEmpty()) {
      throw new PolicyException(shape);
    }
    JsonNode root;
    try {
      root = format.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? source : source + ":" + at.getLineNr();
      throw new PolicyException(List.of(new Violation(where,
          "not valid " + format + ": " + ParserMessage.of(e.getOriginalMessage()))));
    }
    if (root == null || root.isMissingNode()) {
      throw new PolicyException(List.of(new Violation(source, "the policy file is empty")));
    }
    return DocumentReader.read(root);
  }

  /** The policy as text in a format. */
  public static String write(GatewayPolicy policy, Format format) {
    try {
      return format.mapper().writeValueAsString(PolicyDocument.of(policy));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a policy document always serialises", e);
    }
  }
}
