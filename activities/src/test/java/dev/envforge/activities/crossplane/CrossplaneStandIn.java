package dev.envforge.activities.crossplane;

import dev.envforge.activities.crossplane.model.EnvDatabase;
import dev.envforge.activities.crossplane.model.EnvDatabaseStatus;
import dev.envforge.activities.crossplane.model.XEnvCluster;
import dev.envforge.activities.crossplane.model.XEnvClusterStatus;
import dev.envforge.workflows.activities.EnvironmentLabels;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Plays Crossplane's documented contract against a real API server, for composites of one
 * environment only: when a composite appears it reports {@code Ready=False (Creating)} and {@code
 * Synced=True}; after a delay it writes the connection Secret (owned by the composite, so the
 * garbage collector removes it with the composite) and reports {@code Ready=True (Available)}. It
 * can also play a composite that fails to reconcile, or one that someone paused.
 *
 * <p>Connection Secrets: a cluster's has the key {@code kubeconfig}; a database's has {@code
 * endpoint}, {@code port}, {@code username}, {@code password} and {@code database}, the keys
 * Crossplane Postgres providers conventionally publish (see deploy/crossplane/README.md).
 */
final class CrossplaneStandIn<S, T extends CustomResource<?, S>> implements AutoCloseable {

  enum Behaviour {
    BECOME_READY,
    FAIL_TO_RECONCILE,
    PAUSED
  }

  /** Where the stand-in writes a composite's connection Secret, and what it holds. */
  record ConnectionSecret(String namespace, String name, Map<String, String> values) {}

  private static final Duration TICK = Duration.ofMillis(100);
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final KubernetesClient client;
  private final Class<T> type;
  private final Class<S> statusType;
  private final CompositeKind<T> kind;
  private final String environmentId;
  private final Behaviour behaviour;
  private final Duration delay;
  private final Function<T, ConnectionSecret> secretOf;
  private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
  private volatile Exception lastError;

  private CrossplaneStandIn(
      KubernetesClient client,
      Class<T> type,
      Class<S> statusType,
      CompositeKind<T> kind,
      String environmentId,
      Behaviour behaviour,
      Duration delay,
      Function<T, ConnectionSecret> secretOf) {
    this.client = client;
    this.type = type;
    this.statusType = statusType;
    this.kind = kind;
    this.environmentId = environmentId;
    this.behaviour = behaviour;
    this.delay = delay;
    this.secretOf = secretOf;
    loop.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Dedicated clusters whose kubeconfig Secret holds {@code kubeconfig}. */
  static CrossplaneStandIn<XEnvClusterStatus, XEnvCluster> clusters(
      KubernetesClient management,
      String environmentId,
      Behaviour behaviour,
      Duration delay,
      String kubeconfig) {
    return new CrossplaneStandIn<>(
        management,
        XEnvCluster.class,
        XEnvClusterStatus.class,
        CompositeKind.DEDICATED_CLUSTER,
        environmentId,
        behaviour,
        delay,
        cluster ->
            new ConnectionSecret(
                cluster.getSpec().getWriteConnectionSecretToRef().getNamespace(),
                cluster.getSpec().getWriteConnectionSecretToRef().getName(),
                Map.of("kubeconfig", kubeconfig)));
  }

  /** Databases reachable at {@code endpoint:port} whose owner has {@code password}. */
  static CrossplaneStandIn<EnvDatabaseStatus, EnvDatabase> databases(
      KubernetesClient client,
      String environmentId,
      Behaviour behaviour,
      Duration delay,
      String endpoint,
      int port,
      String password) {
    return new CrossplaneStandIn<>(
        client,
        EnvDatabase.class,
        EnvDatabaseStatus.class,
        CompositeKind.DATABASE,
        environmentId,
        behaviour,
        delay,
        database -> {
          Map<String, String> values = new LinkedHashMap<>();
          values.put("endpoint", endpoint);
          values.put("port", Integer.toString(port));
          values.put("username", database.getSpec().getUsername());
          values.put("password", password);
          values.put("database", database.getSpec().getDatabaseName());
          return new ConnectionSecret(
              database.getMetadata().getNamespace(),
              database.getSpec().getWriteConnectionSecretToRef().getName(),
              values);
        });
  }

  /** The last error the loop met, for a test's failure message. */
  Exception lastError() {
    return lastError;
  }

  private void tick() {
    try {
      for (T composite : composites().list().getItems()) {
        if (composite.getMetadata().getDeletionTimestamp() == null) {
          play(composite);
        }
      }
    } catch (Exception e) {
      // A conflict or a composite deleted meanwhile: the next tick looks again.
      lastError = e;
    }
  }

  private FilterWatchListDeletable<T, KubernetesResourceList<T>, Resource<T>> composites() {
    MixedOperation<T, KubernetesResourceList<T>, Resource<T>> operation = client.resources(type);
    return Namespaced.class.isAssignableFrom(type)
        ? operation.inAnyNamespace().withLabel(EnvironmentLabels.ENVIRONMENT, environmentId)
        : operation.withLabel(EnvironmentLabels.ENVIRONMENT, environmentId);
  }

  private void play(T composite) {
    Instant seen =
        firstSeen.computeIfAbsent(composite.getMetadata().getUid(), uid -> Instant.now());
    boolean due = Instant.now().isAfter(seen.plus(delay));
    List<CompositeCondition> conditions =
        switch (behaviour) {
          case BECOME_READY ->
              due
                  ? List.of(
                      condition("Ready", "True", "Available", null),
                      condition("Synced", "True", "ReconcileSuccess", null))
                  : List.of(
                      condition("Ready", "False", "Creating", "Unready resources: stand-in"),
                      condition("Synced", "True", "ReconcileSuccess", null));
          case FAIL_TO_RECONCILE ->
              List.of(
                  condition("Ready", "False", "Creating", null),
                  condition(
                      "Synced",
                      "False",
                      "ReconcileError",
                      "cannot compose resources: the stand-in provider refuses"));
          case PAUSED -> List.of(condition("Synced", "False", "ReconcilePaused", null));
        };
    if (behaviour == Behaviour.BECOME_READY && due) {
      // Crossplane publishes the connection details before it reports the composite Ready.
      writeSecret(composite);
    }
    if (!sameConditions(kind.conditions().apply(composite), conditions)) {
      composite.setStatus(status(conditions));
      client.resource(composite).updateStatus();
    }
  }

  private void writeSecret(T composite) {
    ConnectionSecret wanted = secretOf.apply(composite);
    Map<String, String> data = new LinkedHashMap<>();
    wanted
        .values()
        .forEach(
            (key, value) ->
                data.put(
                    key,
                    Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(wanted.name())
            .withNamespace(wanted.namespace())
            .addNewOwnerReference()
            .withApiVersion(composite.getApiVersion())
            .withKind(composite.getKind())
            .withName(composite.getMetadata().getName())
            .withUid(composite.getMetadata().getUid())
            .withController(true)
            .endOwnerReference()
            .endMetadata()
            .withType("connection.crossplane.io/v1alpha1")
            .withData(data)
            .build();
    client.resource(secret).fieldManager("crossplane-stand-in").forceConflicts().serverSideApply();
  }

  private static boolean sameConditions(
      List<CompositeCondition> current, List<CompositeCondition> wanted) {
    if (current.size() != wanted.size()) {
      return false;
    }
    for (CompositeCondition condition : wanted) {
      boolean present =
          CompositeCondition.find(current, condition.type())
              .filter(c -> c.status().equals(condition.status()))
              .filter(c -> c.reason().equals(condition.reason()))
              .isPresent();
      if (!present) {
        return false;
      }
    }
    return true;
  }

  private static CompositeCondition condition(
      String type, String status, String reason, String message) {
    return new CompositeCondition(type, status, reason, message);
  }

  /** The kind's status type holding {@code conditions}, each changed just now, as Crossplane's. */
  private S status(List<CompositeCondition> conditions) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    List<Map<String, String>> written =
        conditions.stream()
            .map(
                c -> {
                  Map<String, String> condition = new LinkedHashMap<>();
                  condition.put("type", c.type());
                  condition.put("status", c.status());
                  condition.put("reason", c.reason());
                  if (c.message() != null) {
                    condition.put("message", c.message());
                  }
                  condition.put("lastTransitionTime", now);
                  return condition;
                })
            .toList();
    return SERIALIZATION.convertValue(Map.of("conditions", written), statusType);
  }

  @Override
  public void close() throws InterruptedException {
    loop.shutdownNow();
    loop.awaitTermination(5, TimeUnit.SECONDS);
  }
}
