package dev.envforge.starter.api;

import dev.envforge.workflows.environment.EnvironmentOutputs;
import dev.envforge.workflows.environment.EnvironmentStatus;
import dev.envforge.workflows.environment.Phase;
import dev.envforge.workflows.environment.Step;
import dev.envforge.workflows.environment.StepState;
import dev.envforge.workflows.environment.StepStatus;
import dev.envforge.workflows.request.ClusterChoice;
import dev.envforge.workflows.request.DatabaseChoice;
import dev.envforge.workflows.request.DatabaseDriver;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.Profile;
import java.time.Instant;
import java.util.List;

/** Requests and statuses as the workflow would report them. */
final class EnvironmentFixtures {

  static final Instant CREATED = Instant.parse("2030-01-01T10:00:00Z");
  static final Instant READY = Instant.parse("2030-01-01T10:00:42Z");

  static final String REQUEST_JSON =
      """
      {"team":"payments","name":"checkout","cluster":{"mode":"shared","name":"local"},
       "profile":"small","database":{"kind":"postgres","driver":"direct"},"ttl":"PT2H"}
      """;

  private EnvironmentFixtures() {}

  static EnvironmentRequest request() {
    return new EnvironmentRequest(
        "payments",
        "checkout",
        ClusterChoice.shared("local"),
        Profile.SMALL,
        DatabaseChoice.postgres(DatabaseDriver.DIRECT),
        "PT2H");
  }

  static EnvironmentStatus ready(EnvironmentRequest request) {
    List<StepState> steps =
        List.of(
            new StepState(Step.CLUSTER, StepStatus.DONE, CREATED, CREATED.plusSeconds(1), 1, null),
            new StepState(
                Step.NAMESPACE,
                StepStatus.DONE,
                CREATED.plusSeconds(1),
                CREATED.plusSeconds(3),
                2,
                "connection refused"),
            new StepState(Step.GUARDRAILS, StepStatus.DONE, CREATED.plusSeconds(3), READY, 1, null),
            new StepState(
                Step.DATABASE,
                StepStatus.DONE,
                CREATED.plusSeconds(3),
                READY.minusSeconds(1),
                1,
                null));
    return new EnvironmentStatus(
        request.environmentId(),
        request.withDefaults(),
        Phase.READY,
        steps,
        new EnvironmentOutputs(
            "local",
            "env-payments-checkout",
            "envforge-database",
            "env_payments_checkout",
            "127.0.0.1",
            15432),
        CREATED,
        READY,
        CREATED.plusSeconds(7200),
        false,
        null,
        null);
  }

  static EnvironmentStatus inPhase(EnvironmentStatus status, Phase phase, String reason) {
    return new EnvironmentStatus(
        status.environmentId(),
        status.request(),
        phase,
        status.steps(),
        status.outputs(),
        status.createdAt(),
        status.readyAt(),
        status.expiresAt(),
        status.expiring(),
        reason,
        null);
  }
}
