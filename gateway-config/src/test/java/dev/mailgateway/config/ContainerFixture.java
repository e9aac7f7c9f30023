package dev.mailgateway.config;

import dev.mailgateway.api.Cidr;
import dev.mailgateway.api.GatewayPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An image environment with its two volume folders, for tests. */
final class ContainerFixture {

  final Path tls;
  final Path additional;
  final Map<String, String> env = new LinkedHashMap<>();

  ContainerFixture(Path root) {
    tls = root.resolve("tls");
    additional = root.resolve("additional");
    try {
      Files.createDirectories(tls);
      Files.createDirectories(additional);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ContainerFixture set(String name, String value) {
    env.put(name, value);
    return this;
  }

  ContainerFixture file(String relative, String content) {
    Path file = tls.getParent().resolve(relative);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  ContainerFixture folder(String relative) {
    try {
      Files.createDirectories(tls.getParent().resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  ContainerImport read() {
    return ContainerEnvironment.of(env).withVolumes(tls, additional).toPolicy();
  }

  GatewayPolicy policy() {
    return read().policy();
  }

  /** The rendered tree for the system layout, connected networks fixed for repeatability. */
  ConfigTree rendered() {
    return GatewayRenderer.forLayout(RenderLayout.system())
        .withConnectedNetworks(() -> List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("172.18.0.0/16"),
            Cidr.parse("fd00:18::/64")))
        .render(policy());
  }

  String mainCf() {
    return rendered().text("postfix/main.cf");
  }
}
