package dev.envforge.activities.reaper;

import dev.envforge.activities.kubernetes.ClusterClients;
import dev.envforge.activities.kubernetes.KubernetesFailures;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.reaper.AbandonedNamespace;
import dev.envforge.workflows.reaper.DriftRequest;
import dev.envforge.workflows.reaper.DriftedEnvironment;
import dev.envforge.workflows.reaper.EnvironmentClass;
import dev.envforge.workflows.reaper.ReaperActivities;
import dev.envforge.workflows.reaper.SurveyPage;
import dev.envforge.workflows.reaper.SurveyPage.ClassifiedNamespace;
import dev.envforge.workflows.reaper.SurveyRequest;
import dev.envforge.workflows.request.EnvironmentNaming;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The reaper's reads: managed namespaces page by page (label selector, limit and continue), each
 * one's workflow by describe, and the READY environments by visibility. Only reads, so every call
 * is safe to repeat.
 */
public final class KubernetesReaperActivities implements ReaperActivities, AutoCloseable {

  /** Describes and namespace reads in flight at once: a page takes one round trip, not 250. */
  private static final int PARALLEL_LOOKUPS = 16;

  private static final String MANAGED_SELECTOR =
      EnvironmentLabels.MANAGED_BY + "=" + EnvironmentLabels.MANAGED_BY_VALUE;

  private final ClusterClients clients;
  private final EnvironmentRuns runs;
  private final ExecutorService lookups =
      Executors.newFixedThreadPool(
          PARALLEL_LOOKUPS,
          runnable -> {
            Thread thread = new Thread(runnable, "reaper-lookup");
            thread.setDaemon(true);
            return thread;
          });

  public KubernetesReaperActivities(ClusterClients clients, EnvironmentRuns runs) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.runs = Objects.requireNonNull(runs, "runs");
  }

  @Override
  public SurveyPage surveyNamespaces(SurveyRequest request) {
    KubernetesClient client = clients.forCluster(request.clusterRef());
    TeamFilter teams = TeamFilter.of(request.teams());
    NamespaceList page =
        KubernetesFailures.call(
            "list managed namespaces of cluster " + request.cluster(),
            () ->
                client
                    .namespaces()
                    .withLabelSelector(MANAGED_SELECTOR)
                    .list(
                        new ListOptionsBuilder()
                            .withLimit((long) request.pageSize())
                            .withContinue(request.continueToken())
                            .build()));
    // The selector cannot match a name prefix; others' namespaces on the same cluster are skipped.
    List<NamespaceFacts> ours =
        page.getItems().stream()
            .filter(ns -> ns.getMetadata().getName().startsWith(request.namespacePrefix()))
            .map(NamespaceFacts::of)
            .filter(facts -> teams.allows(facts.team()))
            .toList();
    List<WorkflowState> states = inParallel(ours, facts -> runs.state(facts.workflowId()));

    List<ClassifiedNamespace> unactioned = new ArrayList<>();
    List<AbandonedNamespace> abandoned = new ArrayList<>();
    for (int i = 0; i < ours.size(); i++) {
      NamespaceFacts facts = ours.get(i);
      EnvironmentClass verdict =
          NamespaceClassifier.classify(facts, states.get(i), request.now(), request.orphanGrace());
      if (verdict.tornDown()) {
        abandoned.add(
            new AbandonedNamespace(
                request.cluster(),
                facts.name(),
                facts.uid(),
                facts.environmentId(),
                facts.team(),
                facts.workflowId(),
                facts.expiresAt(),
                verdict,
                request.dedicated()));
      } else {
        unactioned.add(new ClassifiedNamespace(facts.name(), verdict));
      }
    }
    String next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
    return new SurveyPage(unactioned, abandoned, next == null || next.isEmpty() ? null : next);
  }

  @Override
  public List<DriftedEnvironment> findDrifted(DriftRequest request) {
    Set<String> registered = new HashSet<>(request.clusters());
    List<EnvironmentRuns.ReadyEnvironment> candidates =
        runs.ready(request.taskQueue()).stream()
            .filter(env -> env.team() != null && env.name() != null)
            .filter(env -> env.cluster() != null && registered.contains(env.cluster()))
            .toList();
    List<Boolean> gone =
        inParallel(
            candidates,
            env -> namespace(ClusterRef.shared(env.cluster()), namespaceOf(request, env)) == null);
    List<DriftedEnvironment> drifted = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      if (gone.get(i)) {
        EnvironmentRuns.ReadyEnvironment env = candidates.get(i);
        drifted.add(
            new DriftedEnvironment(env.cluster(), namespaceOf(request, env), env.workflowId()));
      }
    }
    return drifted;
  }

  @Override
  public boolean stillAbandoned(AbandonedNamespace abandoned) {
    Namespace live = namespace(abandoned.clusterRef(), abandoned.namespace());
    if (live == null || !Objects.equals(live.getMetadata().getUid(), abandoned.uid())) {
      return false;
    }
    NamespaceFacts facts = NamespaceFacts.of(live);
    return !facts.kept() && runs.state(facts.workflowId()) != WorkflowState.RUNNING;
  }

  private static String namespaceOf(
      DriftRequest request, EnvironmentRuns.ReadyEnvironment environment) {
    return EnvironmentNaming.namespace(
        request.namespacePrefix(), environment.team(), environment.name());
  }

  private Namespace namespace(ClusterRef cluster, String name) {
    KubernetesClient client = clients.forCluster(cluster);
    return KubernetesFailures.call(
        "read namespace " + name, () -> client.namespaces().withName(name).get());
  }

  private <T, R> List<R> inParallel(List<T> items, Function<T, R> lookup) {
    List<CompletableFuture<R>> futures =
        items.stream()
            .map(item -> CompletableFuture.supplyAsync(() -> lookup.apply(item), lookups))
            .toList();
    try {
      return futures.stream().map(CompletableFuture::join).toList();
    } catch (CompletionException e) {
      // The lookup's own exception says what failed; the wrapper adds nothing.
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  @Override
  public void close() {
    lookups.shutdownNow();
  }
}
