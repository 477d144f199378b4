package dev.envforge.activities.crossplane;

import dev.envforge.activities.crossplane.model.EnvDatabase;
import dev.envforge.activities.crossplane.model.XEnvCluster;
import dev.envforge.workflows.failure.EnvironmentFailure;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.function.Function;

/**
 * What {@link CompositeLifecycle} needs to know of one kind of envforge composite: how to read
 * Crossplane's conditions from its generated type, and which failures name its trouble.
 *
 * @param conditions the composite's conditions, none before Crossplane reports any
 * @param conflict the failure when a composite of that name belongs to someone else
 * @param notReady the failure when the composite does not become Ready
 */
record CompositeKind<T extends HasMetadata>(
    Function<T, List<CompositeCondition>> conditions,
    EnvironmentFailure conflict,
    EnvironmentFailure notReady) {

  static final CompositeKind<XEnvCluster> DEDICATED_CLUSTER =
      new CompositeKind<>(
          cluster ->
              cluster.getStatus() == null
                  ? List.of()
                  : CompositeCondition.listOf(
                      cluster.getStatus().getConditions(),
                      c ->
                          new CompositeCondition(
                              c.getType(), c.getStatus(), c.getReason(), c.getMessage())),
          EnvironmentFailure.CLUSTER_NOT_READY,
          EnvironmentFailure.CLUSTER_NOT_READY);

  static final CompositeKind<EnvDatabase> DATABASE =
      new CompositeKind<>(
          database ->
              database.getStatus() == null
                  ? List.of()
                  : CompositeCondition.listOf(
                      database.getStatus().getConditions(),
                      c ->
                          new CompositeCondition(
                              c.getType(), c.getStatus(), c.getReason(), c.getMessage())),
          EnvironmentFailure.DATABASE_CONFLICT,
          EnvironmentFailure.DATABASE_NOT_READY);
}
