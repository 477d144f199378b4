package dev.envforge.deploy.preview;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Task {@code deploy/tekton/envforge-environment-task.yaml} read as data: its params with their
 * defaults, its results, and its step's variables and script with Tekton's {@code $(params.x)} and
 * {@code $(results.x.path)} replaced the way Tekton replaces them.
 */
final class TektonTask {

  static final Pattern PARAM_REFERENCE = Pattern.compile("\\$\\(params\\.([a-z0-9-]+)\\)");
  static final Pattern RESULT_REFERENCE = Pattern.compile("\\$\\(results\\.([a-z0-9-]+)\\.path\\)");

  private final GenericKubernetesResource task;

  private TektonTask(GenericKubernetesResource task) {
    this.task = task;
  }

  static TektonTask read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return new TektonTask(Serialization.unmarshal(in, GenericKubernetesResource.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  GenericKubernetesResource resource() {
    return task;
  }

  /** Each param's default; null for a param without one (which a run must give). */
  Map<String, String> paramDefaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    for (Map<String, Object> param : list("spec", "params")) {
      defaults.put((String) param.get("name"), (String) param.get("default"));
    }
    return defaults;
  }

  List<String> resultNames() {
    return list("spec", "results").stream().map(r -> (String) r.get("name")).toList();
  }

  Map<String, Object> onlyStep() {
    List<Map<String, Object>> steps = list("spec", "steps");
    if (steps.size() != 1) {
      throw new IllegalStateException("expected one step, found " + steps.size());
    }
    return steps.get(0);
  }

  /**
   * The step's variables as Tekton would set them for these params (defaults filled in), with the
   * Secret's value for a variable taken from a Secret.
   */
  @SuppressWarnings("unchecked")
  Map<String, String> stepEnvironment(Map<String, String> params, String secretValue) {
    Map<String, String> values = withDefaults(params);
    Map<String, String> env = new LinkedHashMap<>();
    for (Map<String, Object> variable : (List<Map<String, Object>>) onlyStep().get("env")) {
      String name = (String) variable.get("name");
      if (variable.containsKey("value")) {
        env.put(name, substituteParams((String) variable.get("value"), values));
      } else {
        env.put(name, secretValue);
      }
    }
    return env;
  }

  /** The step's script with each result's path replaced by a file in the folder. */
  String script(Path resultsFolder) {
    Matcher results = RESULT_REFERENCE.matcher((String) onlyStep().get("script"));
    return results.replaceAll(
        m -> Matcher.quoteReplacement(resultsFolder.resolve(m.group(1)).toString()));
  }

  Map<String, String> withDefaults(Map<String, String> params) {
    Map<String, String> values = new LinkedHashMap<>(paramDefaults());
    values.putAll(params);
    values.forEach(
        (name, value) -> {
          if (value == null) {
            throw new IllegalArgumentException("param " + name + " has no default: give it");
          }
        });
    return values;
  }

  static String substituteParams(String text, Map<String, String> values) {
    return PARAM_REFERENCE
        .matcher(text)
        .replaceAll(
            m -> {
              String value = values.get(m.group(1));
              if (value == null) {
                throw new IllegalArgumentException("no param " + m.group(1));
              }
              return Matcher.quoteReplacement(value);
            });
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> list(String... path) {
    Object node = task.getAdditionalProperties();
    for (String key : path) {
      node = ((Map<String, Object>) node).get(key);
    }
    return node == null ? List.of() : (List<Map<String, Object>>) node;
  }
}
