package dev.envforge.deploy.preview;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.envforge.testing.LocalPlatformExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The action's metadata and the example workflows agree: the action runs on the runner's Node 20
 * from a file that exists, with no dependencies to install, and every example gives the action only
 * inputs it declares, and all it requires.
 */
class GitHubActionExamplesTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path ACTION =
      LocalPlatformExtension.repositoryRoot().resolve("deploy/github-action");

  @Test
  void theActionRunsOnNode20WithoutDependencies() throws IOException {
    JsonNode action = YAML.readTree(ACTION.resolve("action.yml").toFile());
    assertThat(action.at("/runs/using").asText()).isEqualTo("node20");
    assertThat(ACTION.resolve(action.at("/runs/main").asText())).isRegularFile();
    assertThat(ACTION.resolve("package.json")).doesNotExist();
    assertThat(ACTION.resolve("node_modules")).doesNotExist();
    try (Stream<Path> sources = Files.list(ACTION.resolve("src"))) {
      for (Path source : sources.toList()) {
        for (String line : Files.readAllLines(source)) {
          if (line.contains("require(")) {
            assertThat(line)
                .as("%s requires only Node's own modules and its neighbours", source)
                .containsPattern("require\\('(node:[a-z/_]+|\\./[a-z-]+)'\\)");
          }
        }
      }
    }
  }

  @Test
  void everyExampleGivesTheActionOnlyItsInputsAndAllItRequires() throws IOException {
    JsonNode action = YAML.readTree(ACTION.resolve("action.yml").toFile());
    Set<String> declared = new HashSet<>();
    Set<String> required = new HashSet<>();
    action
        .get("inputs")
        .properties()
        .forEach(
            input -> {
              declared.add(input.getKey());
              if (input.getValue().path("required").asBoolean()) {
                required.add(input.getKey());
              }
            });
    assertThat(required).containsExactlyInAnyOrder("server", "token", "team");
    List<Path> examples;
    try (Stream<Path> files = Files.list(ACTION.resolve("examples"))) {
      examples = files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    }
    assertThat(examples).hasSizeGreaterThanOrEqualTo(3);
    int uses = 0;
    for (Path example : examples) {
      JsonNode workflow = YAML.readTree(example.toFile());
      for (JsonNode job : workflow.get("jobs")) {
        for (JsonNode step : job.get("steps")) {
          if (step.path("uses").asText().contains("/deploy/github-action@")) {
            uses++;
            Set<String> given = new HashSet<>();
            step.get("with").fieldNames().forEachRemaining(given::add);
            assertThat(given).as(example.toString()).isSubsetOf(declared).containsAll(required);
          }
        }
      }
    }
    assertThat(uses).isEqualTo(examples.size());
  }
}
