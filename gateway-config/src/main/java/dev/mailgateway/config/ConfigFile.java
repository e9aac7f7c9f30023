package dev.mailgateway.config;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One file of a rendered configuration.
 *
 * @param path where it goes, relative to the tree's root, with {@code /} separators
 * @param content the bytes
 * @param secret whether it holds a private key and must be readable by its owner only
 */
public record ConfigFile(String path, byte[] content, boolean secret) {

  /** Checks that the path stays inside the tree. */
  public ConfigFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    if (path.isEmpty() || path.startsWith("/") || path.contains("\\")
        || java.util.Arrays.asList(path.split("/")).stream()
            .anyMatch(part -> part.isEmpty() || part.equals(".") || part.equals(".."))) {
      throw new IllegalArgumentException("'" + path + "' is not a relative path inside the tree");
    }
  }

  /** A text file, UTF-8. */
  public static ConfigFile text(String path, String content) {
    return new ConfigFile(path, content.getBytes(StandardCharsets.UTF_8), false);
  }

  /** The content as UTF-8 text. */
  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }
}
