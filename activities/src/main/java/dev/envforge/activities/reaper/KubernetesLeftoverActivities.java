package dev.envforge.activities.reaper;

import dev.envforge.activities.kubernetes.ClusterClients;
import dev.envforge.activities.kubernetes.KubernetesFailures;
import dev.envforge.activities.kubernetes.RegistryClusterClients;
import dev.envforge.activities.postgres.DirectPostgresActivities;
import dev.envforge.activities.postgres.PostgresOwnedObjects;
import dev.envforge.activities.postgres.PostgresServer;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.DatabaseSpec;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.failure.EnvironmentFailure;
import dev.envforge.workflows.reaper.ActionOutcome;
import dev.envforge.workflows.reaper.EnvironmentClass;
import dev.envforge.workflows.reaper.FoundLeftover;
import dev.envforge.workflows.reaper.LeftoverActivities;
import dev.envforge.workflows.reaper.LeftoverDeclaration;
import dev.envforge.workflows.reaper.LeftoverPage;
import dev.envforge.workflows.reaper.LeftoverPage.ClassifiedLeftover;
import dev.envforge.workflows.reaper.LeftoverPlacement;
import dev.envforge.workflows.reaper.LeftoverRemoval;
import dev.envforge.workflows.reaper.LeftoverSurvey;
import dev.envforge.workflows.reaper.Leftovers;
import dev.envforge.workflows.reaper.RemovalRequest;
import dev.envforge.workflows.request.ClusterMode;
import dev.envforge.workflows.request.EnvironmentNaming;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reaper's search beyond the registered clusters' namespaces: dedicated clusters (through the
 * connection Secrets of their composites), the management cluster's declared kinds (by labels) and
 * the databases of every configured Postgres server (by ownership comment). Removal checks each
 * leftover again right before it deletes it, so a retried call or a second sweep is harmless.
 */
public final class KubernetesLeftoverActivities implements LeftoverActivities, AutoCloseable {

  /** How reports name the management cluster. */
  public static final String MANAGEMENT = "management";

  private static final Logger log = LoggerFactory.getLogger(KubernetesLeftoverActivities.class);
  private static final int PARALLEL_LOOKUPS = 8;

  private final ClusterClients clients;
  private final EnvironmentRuns runs;
  private final Map<String, PostgresServer> postgresServers;
  private final ExecutorService lookups =
      Executors.newFixedThreadPool(
          PARALLEL_LOOKUPS,
          runnable -> {
            Thread thread = new Thread(runnable, "reaper-leftover-lookup");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * @param postgresServers every Postgres server envforge's databases may be on, by the name the
   *     report uses
   */
  public KubernetesLeftoverActivities(
      ClusterClients clients, EnvironmentRuns runs, Map<String, PostgresServer> postgresServers) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.runs = Objects.requireNonNull(runs, "runs");
    this.postgresServers = Map.copyOf(postgresServers);
  }

  @Override
  public List<ClusterRef> dedicatedClusters(List<String> teams) {
    TeamFilter filter = TeamFilter.of(teams);
    KubernetesClient management = clients.management();
    Optional<ManagementObjects> composites =
        ManagementObjects.of(management, Leftovers.DEDICATED_CLUSTER);
    if (composites.isEmpty()) {
      return List.of();
    }
    List<ClusterRef> found = new ArrayList<>();
    for (GenericKubernetesResource composite : composites.get().list()) {
      NamespaceFacts facts = NamespaceFacts.of(composite.getMetadata());
      if (facts.terminating() || !filter.allows(facts.team())) {
        continue;
      }
      connectionSecret(composite)
          .filter(ref -> hasKubeconfig(management, ref))
          .ifPresent(found::add);
    }
    found.sort(Comparator.comparing(ClusterRef::name));
    return found;
  }

  @Override
  public LeftoverPage survey(LeftoverSurvey survey) {
    LeftoverDeclaration declaration = survey.declaration();
    return switch (declaration.placement()) {
      case MANAGEMENT_CLUSTER -> surveyManagement(survey);
      case POSTGRES -> surveyDatabases(survey);
      case ENVIRONMENT_NAMESPACE, IN_ENVIRONMENT_NAMESPACE ->
          throw EnvironmentFailure.INVALID_REQUEST.failure(
              declaration.kind() + " is not surveyed on its own: it is (or goes with) a namespace");
    };
  }

  @Override
  public List<LeftoverRemoval> remove(RemovalRequest request) {
    List<LeftoverRemoval> removals = new ArrayList<>();
    for (FoundLeftover leftover : request.leftovers()) {
      try {
        removals.add(
            Leftovers.POSTGRES_DATABASE.kind().equals(leftover.kind())
                ? removeDatabase(leftover, request)
                : removeObject(leftover, request.declarations()));
      } catch (RuntimeException e) {
        // One leftover that cannot be removed must not keep the others; the next sweep retries.
        log.warn(
            "could not remove {} {}: {}", leftover.kind(), leftover.reportName(), e.toString());
        removals.add(new LeftoverRemoval(leftover, ActionOutcome.FAILED, e.getMessage()));
      }
    }
    return removals;
  }

  private LeftoverPage surveyManagement(LeftoverSurvey survey) {
    LeftoverDeclaration declaration = survey.declaration();
    Optional<ManagementObjects> objects = ManagementObjects.of(clients.management(), declaration);
    if (objects.isEmpty()) {
      return new LeftoverPage(List.of(), List.of());
    }
    TeamFilter teams = TeamFilter.of(survey.teams());
    List<GenericKubernetesResource> candidates =
        objects.get().list().stream()
            .filter(o -> labels(o).containsKey(EnvironmentLabels.ENVIRONMENT))
            .filter(o -> teams.allows(labels(o).get(EnvironmentLabels.TEAM)))
            // Inside its environment's own namespace it goes with that namespace.
            .filter(o -> !inOwnNamespace(o, survey.namespacePrefix()))
            .toList();
    List<NamespaceFacts> facts =
        candidates.stream().map(o -> NamespaceFacts.of(o.getMetadata())).toList();
    List<WorkflowState> states = inParallel(facts, f -> runs.state(f.workflowId()));
    List<ClassifiedLeftover> unactioned = new ArrayList<>();
    List<FoundLeftover> abandoned = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      NamespaceFacts object = facts.get(i);
      EnvironmentClass verdict =
          NamespaceClassifier.classify(object, states.get(i), survey.now(), survey.orphanGrace());
      FoundLeftover found =
          new FoundLeftover(
              declaration.kind(),
              MANAGEMENT,
              candidates.get(i).getMetadata().getNamespace(),
              object.name(),
              object.uid(),
              object.environmentId(),
              object.team(),
              object.workflowId(),
              object.expiresAt(),
              verdict);
      if (verdict.tornDown()) {
        abandoned.add(found);
      } else {
        unactioned.add(new ClassifiedLeftover(found.reportName(), verdict));
      }
    }
    return new LeftoverPage(unactioned, abandoned);
  }

  /**
   * A database (or role) counts only once no registered cluster, nor the environment's dedicated
   * cluster, has the environment's namespace: while the namespace is there, the namespace sweep
   * owns the environment. Its workflow still running (it drops its database before its namespace)
   * makes it LIVE; otherwise it is an ORPHAN.
   */
  private LeftoverPage surveyDatabases(LeftoverSurvey survey) {
    String serverName = survey.postgresServer();
    PostgresServer server = server(serverName);
    TeamFilter teams = TeamFilter.of(survey.teams());
    List<PostgresOwnedObjects.Owned> candidates =
        new PostgresOwnedObjects(server)
            .list().stream()
                // Only names this worker's prefix gives: other installations' are theirs.
                .filter(
                    o ->
                        o.name()
                            .equals(
                                EnvironmentNaming.postgresName(
                                    survey.namespacePrefix() + o.environmentId())))
                .filter(o -> teams.allowsEnvironment(o.environmentId()))
                .toList();
    List<EnvironmentClass> verdicts =
        inParallel(
            candidates,
            o ->
                namespaceAnywhere(survey.namespacePrefix(), o.environmentId(), survey.clusters())
                    ? null
                    : anyRunning(o.environmentId())
                        ? EnvironmentClass.LIVE
                        : EnvironmentClass.ORPHAN);
    List<ClassifiedLeftover> unactioned = new ArrayList<>();
    List<FoundLeftover> abandoned = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      EnvironmentClass verdict = verdicts.get(i);
      if (verdict == null) {
        continue;
      }
      PostgresOwnedObjects.Owned owned = candidates.get(i);
      FoundLeftover found =
          new FoundLeftover(
              Leftovers.POSTGRES_DATABASE.kind(),
              serverName,
              null,
              owned.name(),
              null,
              owned.environmentId(),
              null,
              null,
              null,
              verdict);
      if (verdict.tornDown()) {
        abandoned.add(found);
      } else {
        unactioned.add(new ClassifiedLeftover(found.reportName(), verdict));
      }
    }
    return new LeftoverPage(unactioned, abandoned);
  }

  private LeftoverRemoval removeObject(
      FoundLeftover leftover, List<LeftoverDeclaration> declarations) {
    LeftoverDeclaration declaration = declarationOf(leftover.kind(), declarations);
    Optional<ManagementObjects> objects = ManagementObjects.of(clients.management(), declaration);
    GenericKubernetesResource live =
        objects.map(o -> o.get(leftover.namespace(), leftover.name())).orElse(null);
    if (live == null || !Objects.equals(live.getMetadata().getUid(), leftover.uid())) {
      return new LeftoverRemoval(leftover, ActionOutcome.SKIPPED, "gone, or made again");
    }
    NamespaceFacts facts = NamespaceFacts.of(live.getMetadata());
    if (facts.kept()) {
      return new LeftoverRemoval(leftover, ActionOutcome.SKIPPED, "kept since the survey");
    }
    if (runs.state(facts.workflowId()) == WorkflowState.RUNNING) {
      return new LeftoverRemoval(
          leftover, ActionOutcome.SKIPPED, "its environment's workflow runs again");
    }
    objects.get().delete(leftover.namespace(), leftover.name());
    GenericKubernetesResource after = objects.get().get(leftover.namespace(), leftover.name());
    log.info(
        "removed {} {} of {} environment {}",
        leftover.kind(),
        leftover.reportName(),
        leftover.verdict(),
        leftover.environmentId());
    if (after != null && Objects.equals(after.getMetadata().getUid(), leftover.uid())) {
      // Finalizers (Crossplane's, Argo CD's) let their controller clean up first: that is wanted.
      return new LeftoverRemoval(
          leftover,
          ActionOutcome.TORN_DOWN,
          "deletion requested; finalizers " + after.getMetadata().getFinalizers() + " remain");
    }
    return new LeftoverRemoval(leftover, ActionOutcome.TORN_DOWN, null);
  }

  private LeftoverRemoval removeDatabase(FoundLeftover leftover, RemovalRequest request) {
    PostgresServer server = server(leftover.location());
    String namespace = request.namespacePrefix() + leftover.environmentId();
    if (!new PostgresOwnedObjects(server).stillOwned(leftover.name(), leftover.environmentId())) {
      return new LeftoverRemoval(leftover, ActionOutcome.SKIPPED, "gone, or no longer ours");
    }
    if (namespaceAnywhere(
        request.namespacePrefix(), leftover.environmentId(), request.clusters())) {
      return new LeftoverRemoval(
          leftover, ActionOutcome.SKIPPED, "namespace " + namespace + " is back");
    }
    if (anyRunning(leftover.environmentId())) {
      return new LeftoverRemoval(
          leftover, ActionOutcome.SKIPPED, "its environment's workflow runs again");
    }
    // The driver's own drop: it touches only what the comment says is this environment's.
    new DirectPostgresActivities(server, clients)
        .dropDatabase(
            new DatabaseSpec(
                ClusterRef.shared(request.clusters().get(0)),
                namespace,
                leftover.name(),
                leftover.name(),
                EnvironmentNaming.CONNECTION_SECRET_NAME,
                new EnvironmentLabels(leftover.environmentId(), null, null, null)));
    return new LeftoverRemoval(leftover, ActionOutcome.TORN_DOWN, null);
  }

  /**
   * Whether the namespace is on a registered cluster or on the environment's dedicated cluster. A
   * dedicated cluster that cannot be reached counts as having it: the database is left alone.
   */
  private boolean namespaceAnywhere(String prefix, String environmentId, List<String> clusters) {
    String namespace = prefix + environmentId;
    for (String cluster : clusters) {
      KubernetesClient client = clients.forCluster(ClusterRef.shared(cluster));
      if (KubernetesFailures.call(
              "read namespace " + namespace, () -> client.namespaces().withName(namespace).get())
          != null) {
        return true;
      }
    }
    Optional<ManagementObjects> composites =
        ManagementObjects.of(clients.management(), Leftovers.DEDICATED_CLUSTER);
    if (composites.isEmpty()) {
      return false;
    }
    for (GenericKubernetesResource composite : composites.get().list()) {
      if (!environmentId.equals(labels(composite).get(EnvironmentLabels.ENVIRONMENT))) {
        continue;
      }
      Optional<ClusterRef> ref = connectionSecret(composite);
      if (ref.isEmpty()) {
        return true;
      }
      try {
        if (clients.forCluster(ref.get()).namespaces().withName(namespace).get() != null) {
          return true;
        }
      } catch (RuntimeException unreachable) {
        log.info(
            "dedicated cluster {} not reachable ({}); leaving {}'s database alone",
            ref.get().name(),
            unreachable.toString(),
            environmentId);
        return true;
      }
    }
    return false;
  }

  private boolean anyRunning(String environmentId) {
    return EnvironmentWorkflowIds.candidates(environmentId).stream()
        .anyMatch(id -> runs.state(id) == WorkflowState.RUNNING);
  }

  private PostgresServer server(String name) {
    PostgresServer server = postgresServers.get(name);
    if (server == null) {
      throw EnvironmentFailure.INVALID_REQUEST.failure(
          "no Postgres server named '" + name + "' is configured");
    }
    return server;
  }

  private static LeftoverDeclaration declarationOf(
      String kind, List<LeftoverDeclaration> declarations) {
    return declarations.stream()
        .filter(d -> d.kind().equals(kind) && d.placement() == LeftoverPlacement.MANAGEMENT_CLUSTER)
        .findFirst()
        .orElseThrow(
            () ->
                EnvironmentFailure.INVALID_REQUEST.failure(
                    "no leftover kind '" + kind + "' is declared in the management cluster"));
  }

  /** Where the composite's kubeconfig Secret is, from its spec. */
  @SuppressWarnings("unchecked")
  private static Optional<ClusterRef> connectionSecret(GenericKubernetesResource composite) {
    Object spec = composite.getAdditionalProperties().get("spec");
    if (!(spec instanceof Map<?, ?> specMap)
        || !(specMap.get("writeConnectionSecretToRef") instanceof Map<?, ?> ref)) {
      return Optional.empty();
    }
    Object name = ref.get("name");
    Object namespace = ref.get("namespace");
    if (name == null || namespace == null) {
      return Optional.empty();
    }
    return Optional.of(
        new ClusterRef(
            composite.getMetadata().getName(),
            ClusterMode.DEDICATED,
            namespace.toString(),
            name.toString()));
  }

  private static boolean hasKubeconfig(KubernetesClient management, ClusterRef ref) {
    Secret secret =
        KubernetesFailures.call(
            "read the connection Secret of cluster " + ref.name(),
            () ->
                management
                    .secrets()
                    .inNamespace(ref.connectionSecretNamespace())
                    .withName(ref.connectionSecretName())
                    .get());
    return secret != null
        && secret.getData() != null
        && secret.getData().containsKey(RegistryClusterClients.KUBECONFIG_KEY);
  }

  private static Map<String, String> labels(GenericKubernetesResource object) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  private static boolean inOwnNamespace(GenericKubernetesResource object, String prefix) {
    String namespace = object.getMetadata().getNamespace();
    return namespace != null
        && namespace.equals(prefix + labels(object).get(EnvironmentLabels.ENVIRONMENT));
  }

  private <T, R> List<R> inParallel(List<T> items, Function<T, R> lookup) {
    List<CompletableFuture<R>> futures =
        items.stream()
            .map(item -> CompletableFuture.supplyAsync(() -> lookup.apply(item), lookups))
            .toList();
    try {
      return futures.stream().map(CompletableFuture::join).toList();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  @Override
  public void close() {
    lookups.shutdownNow();
  }
}
