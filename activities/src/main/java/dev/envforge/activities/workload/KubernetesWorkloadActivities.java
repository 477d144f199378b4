package dev.envforge.activities.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envforge.activities.kubernetes.ClusterClients;
import dev.envforge.activities.kubernetes.KubernetesFailures;
import dev.envforge.workflows.activities.NamespaceSpec;
import dev.envforge.workflows.activities.WorkloadActivities;
import dev.envforge.workflows.lifecycle.WorkloadChange;
import dev.envforge.workflows.lifecycle.WorkloadReplicas;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sleep and wake of the Deployments and StatefulSets in an environment's namespace, by JSON merge
 * patches of their {@code spec.replicas} and annotations. Each workload's count and annotations
 * change in one patch, so a crash between two workloads leaves every workload either fully asleep
 * (its count recorded) or untouched, and a retry picks up where the last attempt stopped.
 *
 * <p>A wake marks what it restored ({@value #WOKEN_ANNOTATION}), so that a repeated wake still
 * reports those workloads as restored, and only workloads that carry neither mark (made while the
 * environment slept) as left as they are.
 */
public final class KubernetesWorkloadActivities implements WorkloadActivities {

  /** The count a wake restored; the next sleep removes it. */
  public static final String WOKEN_ANNOTATION = "envforge.dev/replicas-after-wake";

  private static final Logger log = LoggerFactory.getLogger(KubernetesWorkloadActivities.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

  private final ClusterClients clients;

  public KubernetesWorkloadActivities(ClusterClients clients) {
    this.clients = clients;
  }

  @Override
  public WorkloadChange sleep(NamespaceSpec spec) {
    List<WorkloadReplicas> asleep = new ArrayList<>();
    for (Workload workload : workloads(spec)) {
      String recorded = workload.annotation(REPLICAS_ANNOTATION);
      if (recorded != null) {
        // Put to sleep by an earlier attempt or an earlier sleep: asleep with that count.
        asleep.add(workload.replicas(parse(recorded, workload)));
        continue;
      }
      int replicas = workload.currentReplicas();
      workload.patch(
          clients.forCluster(spec.cluster()),
          patch(Map.of(REPLICAS_ANNOTATION, Integer.toString(replicas)), WOKEN_ANNOTATION, 0));
      asleep.add(workload.replicas(replicas));
    }
    log.info("namespace {}: slept {}", spec.namespace(), asleep);
    return new WorkloadChange(asleep, List.of());
  }

  @Override
  public WorkloadChange wake(NamespaceSpec spec) {
    List<WorkloadReplicas> restored = new ArrayList<>();
    List<String> leftAsIs = new ArrayList<>();
    for (Workload workload : workloads(spec)) {
      String recorded = workload.annotation(REPLICAS_ANNOTATION);
      if (recorded == null) {
        String woken = workload.annotation(WOKEN_ANNOTATION);
        if (woken != null) {
          restored.add(workload.replicas(parse(woken, workload)));
        } else {
          leftAsIs.add(workload.ref());
        }
        continue;
      }
      int replicas = parse(recorded, workload);
      workload.patch(
          clients.forCluster(spec.cluster()),
          patch(Map.of(WOKEN_ANNOTATION, recorded), REPLICAS_ANNOTATION, replicas));
      restored.add(workload.replicas(replicas));
    }
    log.info("namespace {}: restored {}, left as is {}", spec.namespace(), restored, leftAsIs);
    return new WorkloadChange(restored, leftAsIs);
  }

  private List<Workload> workloads(NamespaceSpec spec) {
    KubernetesClient client = clients.forCluster(spec.cluster());
    String namespace = spec.namespace();
    List<Workload> found = new ArrayList<>();
    KubernetesFailures.call(
            "list Deployments in " + namespace,
            () -> client.apps().deployments().inNamespace(namespace).list().getItems())
        .forEach(
            d -> found.add(new Workload("Deployment", d, d.getSpec().getReplicas(), namespace)));
    KubernetesFailures.call(
            "list StatefulSets in " + namespace,
            () -> client.apps().statefulSets().inNamespace(namespace).list().getItems())
        .forEach(
            s -> found.add(new Workload("StatefulSet", s, s.getSpec().getReplicas(), namespace)));
    found.sort(Comparator.comparing(Workload::ref));
    return found;
  }

  /** Sets {@code set}'s annotations, removes {@code removed}, and sets the replicas. */
  static Map<String, Object> patch(Map<String, String> set, String removed, int replicas) {
    Map<String, Object> annotations = new LinkedHashMap<>(set);
    annotations.put(removed, null);
    return Map.of(
        "metadata", Map.of("annotations", annotations), "spec", Map.of("replicas", replicas));
  }

  private static int parse(String recorded, Workload workload) {
    try {
      int replicas = Integer.parseInt(recorded.trim());
      if (replicas >= 0) {
        return replicas;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new IllegalArgumentException(
        workload.ref() + " carries an unreadable replica count '" + recorded + "'");
  }

  /** One Deployment or StatefulSet as listed. */
  private record Workload(String kind, HasMetadata object, Integer specReplicas, String namespace) {

    String ref() {
      return kind + "/" + object.getMetadata().getName();
    }

    String annotation(String key) {
      Map<String, String> annotations = object.getMetadata().getAnnotations();
      return annotations == null ? null : annotations.get(key);
    }

    /** An unset count means one, as the API server defaults it. */
    int currentReplicas() {
      return specReplicas == null ? 1 : specReplicas;
    }

    WorkloadReplicas replicas(int replicas) {
      return new WorkloadReplicas(kind, object.getMetadata().getName(), replicas);
    }

    void patch(KubernetesClient client, Map<String, Object> patch) {
      String name = object.getMetadata().getName();
      KubernetesFailures.run(
          "scale " + ref() + " in " + namespace,
          () -> {
            if (kind.equals("Deployment")) {
              client
                  .apps()
                  .deployments()
                  .inNamespace(namespace)
                  .withName(name)
                  .patch(MERGE, json(patch));
            } else {
              client
                  .apps()
                  .statefulSets()
                  .inNamespace(namespace)
                  .withName(name)
                  .patch(MERGE, json(patch));
            }
          });
    }
  }

  private static String json(Map<String, Object> patch) {
    try {
      return JSON.writeValueAsString(patch);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write a scale patch", e);
    }
  }
}
