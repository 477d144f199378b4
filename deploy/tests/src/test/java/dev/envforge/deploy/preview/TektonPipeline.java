package dev.envforge.deploy.preview;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The example Pipeline read as data: which params each use of a Task gives it. */
final class TektonPipeline {

  private final GenericKubernetesResource pipeline;

  private TektonPipeline(GenericKubernetesResource pipeline) {
    this.pipeline = pipeline;
  }

  /** The file's Pipeline (it also holds a PipelineRun). */
  static TektonPipeline read(Path file) {
    try {
      for (String document : Files.readString(file).split("(?m)^---$")) {
        GenericKubernetesResource resource =
            Serialization.unmarshal(document, GenericKubernetesResource.class);
        if (resource != null && "Pipeline".equals(resource.getKind())) {
          return new TektonPipeline(resource);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("no Pipeline in " + file);
  }

  /** For each pipeline task (in tasks and finally) that refers to the Task: the params it gives. */
  @SuppressWarnings("unchecked")
  List<Set<String>> paramsGivenTo(String taskName) {
    Map<String, Object> spec = (Map<String, Object>) pipeline.getAdditionalProperties().get("spec");
    List<Set<String>> uses = new ArrayList<>();
    for (String section : List.of("tasks", "finally")) {
      for (Map<String, Object> task :
          (List<Map<String, Object>>) spec.getOrDefault(section, List.of())) {
        Map<String, Object> ref = (Map<String, Object>) task.get("taskRef");
        if (ref != null && taskName.equals(ref.get("name"))) {
          Set<String> given = new LinkedHashSet<>();
          for (Map<String, Object> param :
              (List<Map<String, Object>>) task.getOrDefault("params", List.of())) {
            given.add((String) param.get("name"));
          }
          uses.add(given);
        }
      }
    }
    return uses;
  }
}
