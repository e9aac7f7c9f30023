package dev.mailgateway.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.config.ProgramRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's "Use it in your project" section, taken at its word: the files it shows become a
 * scratch Maven project, built with Maven against this build's artifacts as {@code mvn install}
 * would have put them in a local repository, and its test must pass. Third-party artifacts come
 * from this build's own local repository, so the scratch build needs no network.
 */
class ScratchProjectIT {

  private static final Pattern FILE = Pattern.compile(
      "<!-- scratch-project: (\\S+) -->\\s*```\\w*\\n(.*?)```", Pattern.DOTALL);
  private static final List<String> MODULES = List.of("gateway-api", "gateway-config",
      "gateway-tls", "gateway-dkim", "gateway-runtime", "gateway-junit");

  private final Path root = Path.of(System.getProperty("toolkit.root")).toAbsolutePath().normalize();
  private final String version = System.getProperty("toolkit.version");
  private final Path work = Path.of(System.getProperty("toolkit.work")).toAbsolutePath();

  /** The files the README's section shows, by path. */
  private Map<String, String> readmeFiles() throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    Matcher file = FILE.matcher(Files.readString(root.resolve("README.md")));
    while (file.find()) {
      files.put(file.group(1), file.group(2));
    }
    return files;
  }

  /** This build's artifacts where a repository has them, as {@code mvn install} puts them. */
  private Path toolkitRepository() throws IOException {
    Path repository = work.resolve("toolkit-repository");
    publish(repository, "gateway-parent", root.resolve("pom.xml"), null);
    publish(repository, "gateway-bom", root.resolve("gateway-bom/pom.xml"), null);
    for (String module : MODULES) {
      publish(repository, module, root.resolve(module).resolve("pom.xml"),
          root.resolve(module).resolve("target").resolve(module + "-" + version + ".jar"));
    }
    return repository;
  }

  private void publish(Path repository, String artifact, Path pom, Path jar) throws IOException {
    Path folder = Files.createDirectories(repository.resolve("dev/mailgateway").resolve(artifact)
        .resolve(version));
    Files.copy(pom, folder.resolve(artifact + "-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
    if (jar != null) {
      assertThat(jar).as("built before the examples").exists();
      Files.copy(jar, folder.resolve(artifact + "-" + version + ".jar"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Settings that find the toolkit in its repository and everything else in this build's. */
  private Path settings(Path toolkit) throws IOException {
    String outer = Path.of(System.getProperty("toolkit.localRepository")).toUri().toString();
    String repositories = "<repository><id>toolkit</id><url>" + toolkit.toUri() + "</url>"
        + "<snapshots><enabled>true</enabled><updatePolicy>always</updatePolicy></snapshots>"
        + "</repository>";
    return Files.writeString(work.resolve("settings.xml"), "<settings>\n"
        + "  <mirrors><mirror><id>outer</id><mirrorOf>central</mirrorOf><url>" + outer
        + "</url></mirror></mirrors>\n"
        + "  <profiles><profile><id>toolkit</id><repositories>" + repositories
        + "</repositories></profile></profiles>\n"
        + "  <activeProfiles><activeProfile>toolkit</activeProfile></activeProfiles>\n"
        + "</settings>\n");
  }

  @Test
  void theProjectTheReadmeShowsBuildsAndItsTestPasses() throws IOException {
    Map<String, String> files = readmeFiles();
    assertThat(files).containsOnlyKeys("pom.xml", "src/main/java/com/example/Notifier.java",
        "src/test/java/com/example/NotifierTest.java");
    Path project = work.resolve("project");
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = project.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue());
    }
    Path settings = settings(toolkitRepository());

    List<String> command = new ArrayList<>(List.of("mvn", "-B", "-ntp", "-s", settings.toString(),
        "-Dmaven.repo.local=" + work.resolve("local-repository"), "-f",
        project.resolve("pom.xml").toString(), "test"));
    ProgramRun build = ProgramRun.of(command, Duration.ofMinutes(10));

    assertThat(build.output()).as(build.output())
        .contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0").contains("BUILD SUCCESS");
    assertThat(build.succeeded()).isTrue();
  }
}
