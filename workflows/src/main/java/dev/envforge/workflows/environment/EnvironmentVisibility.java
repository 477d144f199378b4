package dev.envforge.workflows.environment;

import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * What Temporal's visibility and UI show of an environment's run: its search attributes and its
 * current details. Search attributes are upserted only when they change: each upsert is an event in
 * the history.
 */
final class EnvironmentVisibility {

  private Phase publishedPhase;

  /** Shows the status as the run's details, and its phase (with team and name) once it changed. */
  void publish(EnvironmentStatus status) {
    if (publishedPhase != status.phase()) {
      publishedPhase = status.phase();
      Workflow.upsertTypedSearchAttributes(
          EnvironmentSearchAttributes.TEAM.valueSet(String.valueOf(status.request().team())),
          EnvironmentSearchAttributes.NAME.valueSet(String.valueOf(status.request().name())),
          EnvironmentSearchAttributes.PHASE.valueSet(status.phase().name()));
    }
    Workflow.setCurrentDetails(EnvironmentDetails.render(status));
  }

  void cluster(String name) {
    Workflow.upsertTypedSearchAttributes(EnvironmentSearchAttributes.CLUSTER.valueSet(name));
  }

  void expiresAt(Instant at) {
    Workflow.upsertTypedSearchAttributes(
        EnvironmentSearchAttributes.EXPIRES_AT.valueSet(at.atOffset(ZoneOffset.UTC)));
  }
}
