package dev.envforge.workflows.environment;

import dev.envforge.workflows.access.AccessRequest;
import dev.envforge.workflows.access.GrantedAccess;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.DatabaseRef;
import dev.envforge.workflows.activities.DatabaseSpec;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.activities.EnvironmentSettings;
import dev.envforge.workflows.activities.LifecycleChange;
import dev.envforge.workflows.activities.LifecycleEvent;
import dev.envforge.workflows.activities.NamespaceSpec;
import dev.envforge.workflows.activities.SettingsActivities;
import dev.envforge.workflows.failure.EnvironmentFailure;
import dev.envforge.workflows.quota.QuotaRelease;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.FieldError;
import dev.envforge.workflows.request.RequestValidator;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * Provisions, keeps and tears down one environment. See {@link EnvironmentWorkflow}.
 *
 * <p>Steps: CLUSTER, then NAMESPACE, then GUARDRAILS and DATABASE side by side (the database needs
 * the namespace for its Secret, not the quota objects). Each step registers its undo before it
 * runs; a permanent failure, or a destroy while provisioning, undoes them in reverse inside a
 * detached cancellation scope. While READY, {@link ExpiryWatch} warns of the expiry and waits for
 * it.
 */
public class EnvironmentWorkflowImpl implements EnvironmentWorkflow, EnvironmentAccessWorkflow {

  /** Change id: the destroy update reports DESTROYING itself (version 1). */
  static final String DESTROYING_IN_HANDLER = "destroy-reports-destroying";

  private static final Logger log = Workflow.getLogger(EnvironmentWorkflowImpl.class);

  private final SettingsActivities settingsActivities =
      Workflow.newLocalActivityStub(SettingsActivities.class, EnvironmentActivityOptions.SETTINGS);

  private final StepLedger ledger = new StepLedger();
  private final ProvisioningSteps steps = new ProvisioningSteps(ledger, this::publishProgress);
  private final ExpiryState expiry = new ExpiryState();
  private final LifecycleEvents events = new LifecycleEvents();
  private final ExpiryWatch expiryWatch = new ExpiryWatch(expiry, events, this::publishProgress);
  private final RunFacts facts = new RunFacts();
  private final Map<LifecycleChange, Integer> announced = new EnumMap<>(LifecycleChange.class);
  private final EnvironmentVisibility visibility = new EnvironmentVisibility();
  private final AccessGrants access = new AccessGrants();

  private EnvironmentRequest request;
  private EnvironmentSettings settings;
  private EnvironmentPlan plan;
  private Phase phase = Phase.PROVISIONING;
  private EnvironmentOutputs outputs = EnvironmentOutputs.empty();
  private Instant createdAt;
  private Instant readyAt;
  private String reason;
  private boolean destroyRequested;
  private CancellationScope provisioning;
  private NamespaceSpec namespaceSpec;

  @Override
  public EnvironmentStatus run(EnvironmentRequest rawRequest) {
    return QuotaRelease.whenEnded(
        rawRequest.team(), rawRequest.environmentId(), () -> provisionKeepAndTearDown(rawRequest));
  }

  private EnvironmentStatus provisionKeepAndTearDown(EnvironmentRequest rawRequest) {
    request = rawRequest.withDefaults();
    createdAt = now();
    boolean announcing = LifecycleEvents.decide();
    events.activate(announcing);
    facts.activate(announcing);
    settings = settingsActivities.settings();
    publishProgress();

    List<FieldError> errors = RequestValidator.validate(request, settings.limits());
    if (!errors.isEmpty()) {
      reason = errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
      enter(Phase.FAILED);
      facts.failed(EnvironmentFailure.INVALID_REQUEST.name());
      throw EnvironmentFailure.INVALID_REQUEST.failure(reason);
    }
    plan = EnvironmentPlan.of(request, settings, createdAt);
    if (!plan.kept()) {
      expiry.start(createdAt.plus(plan.ttl()), settings.expiryWarning());
      visibility.expiresAt(expiry.expiresAt());
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
      Workflow.newDetachedCancellationScope(() -> steps.undoAll()).run();
      enter(Phase.FAILED);
      facts.failed(failure.getType());
      throw failure;
    }

    if (!destroyRequested) {
      readyAt = now();
      enter(Phase.READY);
      facts.ready(readyAt);
      announce(LifecycleChange.CREATED);
      awaitExpiryOrDestroy();
    }
    tearDown();
    return status();
  }

  private void provision() {
    steps.chooseActivities();
    ClusterRef cluster = steps.placeCluster(request, plan.environmentId(), labels());
    outputs = outputs.withCluster(cluster.name());
    visibility.cluster(cluster.name());

    NamespaceSpec namespace =
        new NamespaceSpec(cluster, plan.namespace(), request.profile(), labels());
    namespaceSpec = namespace;
    steps.makeNamespace(namespace);
    outputs = outputs.withNamespace(plan.namespace());

    Promise<Void> guardrails = steps.startGuardrails(namespace);
    Promise<DatabaseRef> database =
        request.database().wanted()
            ? Async.function(
                () ->
                    steps.makeDatabase(
                        request.database().driver(),
                        DatabaseSpec.ofNamespace(cluster, plan.namespace(), labels())))
            : Workflow.newPromise(null);
    // Let both settle before judging, so an undo never races a step still in flight.
    Workflow.await(() -> guardrails.isCompleted() && database.isCompleted());
    guardrails.get();
    DatabaseRef db = database.get();
    if (db != null) {
      outputs = outputs.withDatabase(db);
    }
    access.prepare(namespace);
  }

  /** A kept environment has no expiry and waits for its destroy alone. */
  private void awaitExpiryOrDestroy() {
    if (plan.kept()) {
      Workflow.await(() -> destroyRequested);
    } else if (expiryWatch.awaitExpiry(plan, namespaceSpec, () -> destroyRequested)) {
      reason = "expired at " + expiry.expiresAt();
    }
  }

  private void tearDown() {
    enter(Phase.DESTROYING);
    List<ApplicationFailure> failures = new ArrayList<>();
    Workflow.newDetachedCancellationScope(() -> failures.addAll(steps.undoAll())).run();
    if (!failures.isEmpty()) {
      String leftBehind =
          failures.stream()
              .map(ApplicationFailure::getOriginalMessage)
              .collect(Collectors.joining("; "));
      reason = "teardown incomplete: " + leftBehind;
      enter(Phase.FAILED);
      facts.failed(failures.get(0).getType());
      settleAnnouncements();
      throw EnvironmentFailure.valueOfOr(failures.get(0).getType(), EnvironmentFailure.UNEXPECTED)
          .failure(reason);
    }
    enter(Phase.DESTROYED);
    if (readyAt != null) {
      announce(LifecycleChange.DELETED);
    }
    settleAnnouncements();
  }

  @Override
  public EnvironmentStatus status() {
    String environmentId =
        plan != null ? plan.environmentId() : request == null ? null : request.environmentId();
    return new EnvironmentStatus(
        environmentId,
        request,
        phase,
        ledger.snapshot(),
        outputs,
        createdAt,
        readyAt,
        expiry.expiresAt(),
        expiry.expiring(),
        reason,
        expiry.warning(),
        access.snapshot());
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
    if (expiry.expiresAt() == null) {
      throw new IllegalStateException("extend: the environment has no expiry yet; retry shortly");
    }
    extendedExpiry(extend);
  }

  @Override
  public EnvironmentStatus extend(ExtendRequest extend) {
    expiry.extendTo(extendedExpiry(extend), namespaceSpec != null);
    visibility.expiresAt(expiry.expiresAt());
    publishProgress();
    facts.extended();
    announce(LifecycleChange.EXTENDED);
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

  @Override
  public void validateGrantAccess(AccessRequest request) {
    AccessGrants.validate(request, grantable(), expiry.expiresAt(), now());
  }

  @Override
  public GrantedAccess grantAccess(AccessRequest request) {
    GrantedAccess granted = access.grant(request, namespaceSpec, expiry.expiresAt(), now());
    publishProgress();
    return granted;
  }

  @Override
  public void validateRevokeAccess(String grantId) {
    if (phase.terminal() || namespaceSpec == null) {
      throw new IllegalStateException("access: the environment is " + phase);
    }
    access.validateRevoke(grantId);
  }

  @Override
  public EnvironmentStatus revokeAccess(String grantId) {
    access.revoke(grantId, namespaceSpec);
    publishProgress();
    return status();
  }

  private boolean grantable() {
    return phase == Phase.READY && !destroyRequested && namespaceSpec != null;
  }

  /** The maximum that holds for this environment's team and profile bounds the new expiry. */
  private Instant extendedExpiry(ExtendRequest extend) {
    return ExpiryPolicy.extended(
        extend, expiry.expiresAt(), now(), plan.ttlBounds().maxTtl(), plan.ttlBounds().maxFrom());
  }

  @Override
  public void namespaceLost(String why) {
    // Same path as a destroy: teardown's undo steps treat the missing namespace (and its Secret)
    // as already deleted and drop the database and role. No recorded history holds this signal,
    // so they replay unchanged.
    log.warn("environment {}: {}", plan == null ? null : plan.environmentId(), why);
    destroy(why == null || why.isBlank() ? "namespace deleted outside envforge" : why);
  }

  /**
   * Announces a lifecycle change to the sinks, without waiting; the one place every change goes
   * through. Its id counts the changes of its kind in this run, so it is the same on every retry
   * and replay, and a second extend is a second event.
   */
  private void announce(LifecycleChange change) {
    if (!events.active()) {
      return;
    }
    int number = announced.merge(change, 1, Integer::sum);
    String workflowId = plan.workflowId();
    events.announce(
        new LifecycleEvent(
            workflowId + "/" + Workflow.getInfo().getRunId() + "/" + change.label() + "/" + number,
            change,
            plan.environmentId(),
            request.team(),
            request.name(),
            outputs.cluster(),
            outputs.namespace(),
            workflowId,
            now(),
            expiry.expiresAt(),
            change == LifecycleChange.DELETED ? reason : null));
  }

  /** A run ends only after its announcements settled, or were given their time. */
  private void settleAnnouncements() {
    if (events.active()) {
      events.awaitSettled();
    }
  }

  private EnvironmentLabels labels() {
    return plan.labels(expiry.expiresAt());
  }

  private void enter(Phase next) {
    phase = next;
    publishProgress();
  }

  /** Keeps the search attributes and the UI's current details in step with the state. */
  private void publishProgress() {
    visibility.publish(status());
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
