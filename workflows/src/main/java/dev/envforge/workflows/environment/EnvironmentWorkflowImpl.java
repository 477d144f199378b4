package dev.envforge.workflows.environment;

import static dev.envforge.workflows.environment.EnvironmentActivityOptions.DEDICATED_CLUSTER_DEADLINE;
import static dev.envforge.workflows.environment.EnvironmentActivityOptions.PROVISION_DEADLINE;
import static dev.envforge.workflows.environment.EnvironmentActivityOptions.UNDO_DEADLINE;

import dev.envforge.workflows.activities.ClusterActivities;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.CrossplaneActivities;
import dev.envforge.workflows.activities.DatabaseRef;
import dev.envforge.workflows.activities.DatabaseSpec;
import dev.envforge.workflows.activities.DedicatedClusterSpec;
import dev.envforge.workflows.activities.EnvironmentSettings;
import dev.envforge.workflows.activities.ExpiryWarningActivities;
import dev.envforge.workflows.activities.ExpiryWarningNotice;
import dev.envforge.workflows.activities.NamespaceActivities;
import dev.envforge.workflows.activities.NamespaceSpec;
import dev.envforge.workflows.activities.PostgresActivities;
import dev.envforge.workflows.activities.SettingsActivities;
import dev.envforge.workflows.activities.WebhookDelivery;
import dev.envforge.workflows.failure.EnvironmentFailure;
import dev.envforge.workflows.quota.QuotaRelease;
import dev.envforge.workflows.request.ClusterMode;
import dev.envforge.workflows.request.DatabaseDriver;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.FieldError;
import dev.envforge.workflows.request.RequestValidator;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * Provisions, keeps and tears down one environment. See {@link EnvironmentWorkflow}.
 *
 * <p>Steps: CLUSTER, then NAMESPACE, then GUARDRAILS and DATABASE side by side (the database needs
 * the namespace for its Secret, not the quota objects). Each step registers its undo before it
 * runs; a permanent failure, or a destroy while provisioning, undoes them in reverse inside a
 * detached cancellation scope.
 */
public class EnvironmentWorkflowImpl implements EnvironmentWorkflow {

  /** Change id: the destroy update reports DESTROYING itself (version 1). */
  static final String DESTROYING_IN_HANDLER = "destroy-reports-destroying";

  /**
   * Change id: the expiry warning is sent (a Kubernetes Event and a webhook), not only flagged
   * (version 1). Runs that passed their warning before this change replay without sending.
   */
  static final String EXPIRY_NOTIFICATIONS = "expiry-notifications";

  private static final Logger log = Workflow.getLogger(EnvironmentWorkflowImpl.class);

  private final SettingsActivities settingsActivities =
      Workflow.newLocalActivityStub(SettingsActivities.class, EnvironmentActivityOptions.SETTINGS);
  private final ClusterActivities clusters =
      Workflow.newActivityStub(ClusterActivities.class, EnvironmentActivityOptions.QUICK);
  private final NamespaceActivities namespaces =
      Workflow.newActivityStub(NamespaceActivities.class, EnvironmentActivityOptions.WAITING);
  private final PostgresActivities postgres =
      Workflow.newActivityStub(PostgresActivities.class, EnvironmentActivityOptions.DATABASE);
  private final CrossplaneActivities crossplane =
      Workflow.newActivityStub(CrossplaneActivities.class, EnvironmentActivityOptions.WAITING);
  private final NamespaceActivities annotations =
      Workflow.newActivityStub(NamespaceActivities.class, EnvironmentActivityOptions.ANNOTATE);
  private final ExpiryWarningActivities warnings =
      Workflow.newActivityStub(ExpiryWarningActivities.class, EnvironmentActivityOptions.NOTIFY);

  private final StepLedger ledger = new StepLedger();
  private final StepRunner runner = new StepRunner(ledger, this::publishProgress);
  private final Compensations compensations = new Compensations();

  private EnvironmentRequest request;
  private EnvironmentSettings settings;
  private EnvironmentPlan plan;
  private Phase phase = Phase.PROVISIONING;
  private EnvironmentOutputs outputs = EnvironmentOutputs.empty();
  private Instant createdAt;
  private Instant readyAt;
  private Instant expiresAt;
  private boolean expiring;
  private boolean expiryChanged;
  private String reason;
  private boolean destroyRequested;
  private CancellationScope provisioning;
  private NamespaceSpec namespaceSpec;
  private Phase publishedPhase;
  private ExpiryWarning warning;

  @Override
  public EnvironmentStatus run(EnvironmentRequest rawRequest) {
    return QuotaRelease.whenEnded(
        rawRequest.team(), rawRequest.environmentId(), () -> provisionKeepAndTearDown(rawRequest));
  }

  private EnvironmentStatus provisionKeepAndTearDown(EnvironmentRequest rawRequest) {
    request = rawRequest.withDefaults();
    createdAt = now();
    settings = settingsActivities.settings();
    publishProgress();

    List<FieldError> errors = RequestValidator.validate(request, settings.limits());
    if (!errors.isEmpty()) {
      reason = errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
      enter(Phase.FAILED);
      throw EnvironmentFailure.INVALID_REQUEST.failure(reason);
    }
    plan = EnvironmentPlan.of(request, settings, createdAt);
    if (!plan.kept()) {
      setExpiry(createdAt.plus(plan.ttl()));
    }
    if (!request.database().wanted()) {
      ledger.skipped(Step.DATABASE);
    }

    ApplicationFailure failure = null;
    provisioning = Workflow.newCancellationScope(this::provision);
    try {
      provisioning.run();
    } catch (ApplicationFailure e) {
      failure = e;
    } catch (CanceledFailure e) {
      // A destroy (or a cancel of the run) arrived while provisioning; teardown follows.
      destroyRequested = true;
      if (reason == null) {
        reason = "cancelled while provisioning";
      }
    }
    if (failure != null) {
      reason = failure.getOriginalMessage();
      log.warn("environment {} failed, compensating: {}", plan.environmentId(), reason);
      Workflow.newDetachedCancellationScope(() -> compensations.undoAll(runner)).run();
      enter(Phase.FAILED);
      throw failure;
    }

    if (!destroyRequested) {
      readyAt = now();
      enter(Phase.READY);
      awaitExpiryOrDestroy();
    }
    tearDown();
    return status();
  }

  private void provision() {
    ClusterRef cluster = placeCluster();
    outputs = withCluster(cluster.name());
    Workflow.upsertTypedSearchAttributes(
        EnvironmentSearchAttributes.CLUSTER.valueSet(cluster.name()));

    namespaceSpec = new NamespaceSpec(cluster, plan.namespace(), request.profile(), labels());
    NamespaceSpec namespace = namespaceSpec;
    compensations.register(
        Step.NAMESPACE, UNDO_DEADLINE, () -> namespaces.deleteNamespace(namespace));
    runner.provision(
        Step.NAMESPACE,
        PROVISION_DEADLINE,
        () -> {
          namespaces.ensureNamespace(namespace);
          return null;
        });
    outputs = new EnvironmentOutputs(outputs.cluster(), plan.namespace(), null, null, null, null);

    // Deleting the namespace takes its guardrails with it; nothing separate to undo.
    compensations.register(Step.GUARDRAILS, UNDO_DEADLINE, () -> {});
    Promise<Void> guardrails =
        Async.procedure(
            () ->
                runner.provision(
                    Step.GUARDRAILS,
                    PROVISION_DEADLINE,
                    () -> {
                      namespaces.applyGuardrails(namespace);
                      return null;
                    }));
    Promise<DatabaseRef> database =
        request.database().wanted()
            ? Async.function(() -> provisionDatabase(cluster))
            : Workflow.newPromise(null);
    // Let both settle before judging, so an undo never races a step still in flight.
    Workflow.await(() -> guardrails.isCompleted() && database.isCompleted());
    guardrails.get();
    DatabaseRef db = database.get();
    if (db != null) {
      outputs =
          new EnvironmentOutputs(
              outputs.cluster(),
              outputs.namespace(),
              db.secretName(),
              db.database(),
              db.host(),
              db.port());
    }
  }

  private ClusterRef placeCluster() {
    if (request.cluster().mode() == ClusterMode.DEDICATED) {
      DedicatedClusterSpec spec =
          new DedicatedClusterSpec(
              EnvironmentNaming.dedicatedClusterName(plan.environmentId()),
              request.profile(),
              labels());
      compensations.register(
          Step.CLUSTER, UNDO_DEADLINE, () -> crossplane.deleteDedicatedCluster(spec));
      return runner.provision(
          Step.CLUSTER, DEDICATED_CLUSTER_DEADLINE, () -> crossplane.ensureDedicatedCluster(spec));
    }
    // A shared cluster is only chosen, not made: nothing to undo.
    compensations.register(Step.CLUSTER, UNDO_DEADLINE, () -> {});
    return runner.provision(
        Step.CLUSTER, PROVISION_DEADLINE, () -> clusters.placeShared(request.cluster().name()));
  }

  private DatabaseRef provisionDatabase(ClusterRef cluster) {
    DatabaseSpec spec =
        new DatabaseSpec(
            cluster,
            plan.namespace(),
            plan.postgresName(),
            plan.postgresName(),
            EnvironmentNaming.CONNECTION_SECRET_NAME,
            labels());
    boolean viaCrossplane = request.database().driver() == DatabaseDriver.CROSSPLANE;
    compensations.register(
        Step.DATABASE,
        UNDO_DEADLINE,
        viaCrossplane
            ? () -> crossplane.deleteCompositeDatabase(spec)
            : () -> postgres.dropDatabase(spec));
    return runner.provision(
        Step.DATABASE,
        PROVISION_DEADLINE,
        viaCrossplane
            ? () -> crossplane.ensureCompositeDatabase(spec)
            : () -> postgres.ensureDatabase(spec));
  }

  /**
   * Sleeps until expiry or a destroy; re-arms on extend; warns when the warning period begins. A
   * kept environment has no expiry and waits for its destroy alone.
   */
  private void awaitExpiryOrDestroy() {
    if (plan.kept()) {
      Workflow.await(() -> destroyRequested);
      return;
    }
    while (!destroyRequested) {
      Instant now = now();
      if (!now.isBefore(expiresAt)) {
        reason = "expired at " + expiresAt;
        return;
      }
      Instant warnAt = expiresAt.minus(settings.expiryWarning());
      boolean inWarning = !now.isBefore(warnAt);
      if (inWarning && !expiring) {
        expiring = true;
        log.info("environment {} expires at {}", plan.environmentId(), expiresAt);
        warnOfExpiry(now);
        publishProgress();
      }
      Instant wakeAt = inWarning ? expiresAt : warnAt;
      Workflow.await(Duration.between(now, wakeAt), () -> destroyRequested || expiryChanged);
      if (expiryChanged) {
        expiryChanged = false;
        annotateExpiry();
      }
    }
  }

  /**
   * Sends the warning on both channels side by side, without waiting: the expiry must come on time
   * however slow or broken the channels are. Each channel's outcome is recorded when it settles; a
   * failure is recorded and changes nothing else.
   */
  private void warnOfExpiry(Instant now) {
    if (Workflow.getVersion(EXPIRY_NOTIFICATIONS, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return;
    }
    String id = plan.workflowId() + "/" + Workflow.getInfo().getRunId() + "/expiring/" + expiresAt;
    ExpiryWarningNotice notice =
        new ExpiryWarningNotice(
            id,
            plan.environmentId(),
            request.team(),
            request.name(),
            namespaceSpec.cluster(),
            namespaceSpec.namespace(),
            plan.workflowId(),
            expiresAt,
            now);
    warning = ExpiryWarning.pending(id, warning == null ? 1 : warning.number() + 1, now, expiresAt);
    Async.function(warnings::recordExpiryEvent, notice)
        .handle(
            (eventName, failure) -> {
              settleWarning(
                  id,
                  w ->
                      failure == null
                          ? w.withEvent(NotificationState.SENT, eventName)
                          : w.withEvent(NotificationState.FAILED, describe(failure)));
              return null;
            });
    Async.function(warnings::sendExpiryWebhook, notice)
        .handle(
            (delivery, failure) -> {
              settleWarning(
                  id,
                  w -> {
                    if (failure != null) {
                      return w.withWebhook(NotificationState.FAILED, describe(failure));
                    }
                    return delivery == WebhookDelivery.DISABLED
                        ? w.withWebhook(NotificationState.SKIPPED, "no webhook configured")
                        : w.withWebhook(NotificationState.SENT, null);
                  });
              return null;
            });
  }

  /** Records a channel's outcome, unless a later warning (after an extend) replaced this one. */
  private void settleWarning(String id, UnaryOperator<ExpiryWarning> change) {
    if (warning == null || !warning.id().equals(id)) {
      return;
    }
    warning = change.apply(warning);
    if (warning.event() == NotificationState.FAILED
        || warning.webhook() == NotificationState.FAILED) {
      log.warn("expiry warning {} of {} not fully sent: {}", id, plan.environmentId(), warning);
    }
    publishProgress();
  }

  private static String describe(RuntimeException failure) {
    return failure instanceof ActivityFailure activity
        ? StepRunner.describe(activity)
        : failure.getMessage();
  }

  private void annotateExpiry() {
    namespaceSpec =
        new NamespaceSpec(
            namespaceSpec.cluster(), namespaceSpec.namespace(), namespaceSpec.profile(), labels());
    NamespaceSpec spec = namespaceSpec;
    try {
      annotations.annotateExpiry(spec);
    } catch (ActivityFailure e) {
      // The expiry in the workflow is what counts; a stale annotation only misleads the reaper
      // into waiting, so it is reported, not fatal.
      log.warn("could not annotate the new expiry on {}: {}", spec.namespace(), e.getMessage());
    }
  }

  private void tearDown() {
    enter(Phase.DESTROYING);
    List<ApplicationFailure> failures = new ArrayList<>();
    Workflow.newDetachedCancellationScope(() -> failures.addAll(compensations.undoAll(runner)))
        .run();
    if (!failures.isEmpty()) {
      String leftBehind =
          failures.stream()
              .map(ApplicationFailure::getOriginalMessage)
              .collect(Collectors.joining("; "));
      reason = "teardown incomplete: " + leftBehind;
      enter(Phase.FAILED);
      throw EnvironmentFailure.valueOfOr(failures.get(0).getType(), EnvironmentFailure.UNEXPECTED)
          .failure(reason);
    }
    enter(Phase.DESTROYED);
  }

  @Override
  public EnvironmentStatus status() {
    return new EnvironmentStatus(
        plan == null ? (request == null ? null : request.environmentId()) : plan.environmentId(),
        request,
        phase,
        ledger.snapshot(),
        outputs,
        createdAt,
        readyAt,
        expiresAt,
        expiring,
        reason,
        warning);
  }

  @Override
  public void validateExtend(ExtendRequest extend) {
    if (phase != Phase.PROVISIONING && phase != Phase.READY || destroyRequested) {
      throw new IllegalStateException("extend: the environment is " + phase + ", not READY");
    }
    if (plan != null && plan.kept()) {
      throw new IllegalArgumentException(
          "extend: the environment is kept (keep: true) and has no expiry to move");
    }
    if (expiresAt == null) {
      throw new IllegalStateException("extend: the environment has no expiry yet; retry shortly");
    }
    extendedExpiry(extend);
  }

  @Override
  public EnvironmentStatus extend(ExtendRequest extend) {
    setExpiry(extendedExpiry(extend));
    expiring = false;
    expiryChanged = namespaceSpec != null;
    publishProgress();
    return status();
  }

  @Override
  public EnvironmentStatus destroy(String why) {
    if (!destroyRequested && !phase.terminal()) {
      destroyRequested = true;
      reason = why == null || why.isBlank() ? "destroy requested" : "destroyed: " + why;
      boolean stillProvisioning = phase == Phase.PROVISIONING;
      // Report DESTROYING at once; the main loop does the teardown. Runs that began before
      // this behaviour moved into the handler keep entering DESTROYING in the main loop.
      if (Workflow.getVersion(DESTROYING_IN_HANDLER, Workflow.DEFAULT_VERSION, 1) >= 1) {
        enter(Phase.DESTROYING);
      }
      if (stillProvisioning && provisioning != null) {
        provisioning.cancel(reason);
      }
    }
    return status();
  }

  /** The maximum that holds for this environment's team and profile bounds the new expiry. */
  private Instant extendedExpiry(ExtendRequest extend) {
    return ExpiryPolicy.extended(
        extend, expiresAt, now(), plan.ttlBounds().maxTtl(), plan.ttlBounds().maxFrom());
  }

  @Override
  public void namespaceLost(String why) {
    // Same path as a destroy: teardown's undo steps treat the missing namespace (and its Secret)
    // as already deleted and drop the database and role. No recorded history holds this signal,
    // so they replay unchanged.
    log.warn("environment {}: {}", plan == null ? null : plan.environmentId(), why);
    destroy(why == null || why.isBlank() ? "namespace deleted outside envforge" : why);
  }

  private void setExpiry(Instant at) {
    expiresAt = at;
    Workflow.upsertTypedSearchAttributes(
        EnvironmentSearchAttributes.EXPIRES_AT.valueSet(at.atOffset(ZoneOffset.UTC)));
  }

  private dev.envforge.workflows.activities.EnvironmentLabels labels() {
    return plan.labels(expiresAt);
  }

  private EnvironmentOutputs withCluster(String cluster) {
    return new EnvironmentOutputs(
        cluster,
        outputs.namespace(),
        outputs.secretName(),
        outputs.databaseName(),
        outputs.databaseHost(),
        outputs.databasePort());
  }

  private void enter(Phase next) {
    phase = next;
    publishProgress();
  }

  /**
   * Keeps the search attributes and the UI's current details in step with the state. Search
   * attributes are upserted only when they change: each upsert is an event in the history.
   */
  private void publishProgress() {
    if (publishedPhase != phase) {
      publishedPhase = phase;
      Workflow.upsertTypedSearchAttributes(
          EnvironmentSearchAttributes.TEAM.valueSet(String.valueOf(request.team())),
          EnvironmentSearchAttributes.NAME.valueSet(String.valueOf(request.name())),
          EnvironmentSearchAttributes.PHASE.valueSet(phase.name()));
    }
    Workflow.setCurrentDetails(EnvironmentDetails.render(status()));
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
