package dev.envforge.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one step of a Tekton Task as Tekton hands it to its container: the script with each {@code
 * $(results.x.path)} made {@code /tekton/results/x}, and the step's variables with each {@code
 * $(params.x)} replaced by the run's value or the param's default, a Secret's key by its value.
 */
record TektonTaskStep(
    String image, String script, Map<String, String> environment, List<String> resultNames) {

  static final String RESULTS_DIRECTORY = "/tekton/results";

  private static final Pattern PARAM = Pattern.compile("\\$\\(params\\.([a-z0-9-]+)\\)");
  private static final Pattern RESULT_PATH =
      Pattern.compile("\\$\\(results\\.([a-z0-9-]+)\\.path\\)");

  static TektonTaskStep read(Path taskFile, Map<String, String> params, String secretValue)
      throws IOException {
    JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(taskFile.toFile()).path("spec");
    Map<String, String> values = new LinkedHashMap<>();
    for (JsonNode param : spec.path("params")) {
      JsonNode fallback = param.path("default");
      values.put(param.path("name").asText(), fallback.isMissingNode() ? null : fallback.asText());
    }
    values.putAll(params);
    List<String> results = new ArrayList<>();
    spec.path("results").forEach(result -> results.add(result.path("name").asText()));
    JsonNode steps = spec.path("steps");
    if (steps.size() != 1) {
      throw new IllegalStateException(taskFile + " has " + steps.size() + " steps, not one");
    }
    JsonNode step = steps.get(0);
    Map<String, String> environment = new LinkedHashMap<>();
    for (JsonNode variable : step.path("env")) {
      environment.put(
          variable.path("name").asText(),
          variable.has("value")
              ? substitute(variable.path("value").asText(), values)
              : secretValue);
    }
    String script =
        RESULT_PATH
            .matcher(step.path("script").asText())
            .replaceAll(m -> Matcher.quoteReplacement(RESULTS_DIRECTORY + "/" + m.group(1)));
    return new TektonTaskStep(
        substitute(step.path("image").asText(), values), script, environment, results);
  }

  private static String substitute(String text, Map<String, String> values) {
    return PARAM
        .matcher(text)
        .replaceAll(
            m -> {
              String value = values.get(m.group(1));
              if (value == null) {
                throw new IllegalArgumentException("param " + m.group(1) + " needs a value");
              }
              return Matcher.quoteReplacement(value);
            });
  }
}
