package dev.envforge.workflows.environment;

import dev.envforge.workflows.access.AccessRequest;
import dev.envforge.workflows.access.GrantedAccess;
import dev.envforge.workflows.activities.ArgoCdRegistrationSpec;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.ComponentsSpec;
import dev.envforge.workflows.activities.DatabaseRef;
import dev.envforge.workflows.activities.DatabaseSpec;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.activities.EnvironmentSettings;
import dev.envforge.workflows.activities.LifecycleChange;
import dev.envforge.workflows.activities.LifecycleEvent;
import dev.envforge.workflows.activities.NamespaceSpec;
import dev.envforge.workflows.activities.SettingsActivities;
import dev.envforge.workflows.failure.EnvironmentFailure;
import dev.envforge.workflows.lifecycle.ApprovalDecision;
import dev.envforge.workflows.lifecycle.ApprovalOutcome;
import dev.envforge.workflows.lifecycle.SleepSchedule;
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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * Provisions, keeps and tears down one environment. See {@link EnvironmentWorkflow}.
 *
 * <p>Steps: CLUSTER, then NAMESPACE, then GUARDRAILS and DATABASE side by side (the database needs
 * the namespace for its Secret, not the quota objects), then CAPABILITIES (Dapr components naming
 * the database's Secret) when the environment has any, then ARGOCD where configured. Each step
 * registers its undo before it runs; a permanent failure, or a destroy while provisioning, undoes
 * them in reverse inside a detached cancellation scope. While READY, {@link ExpiryWatch} warns of
 * the expiry and waits for it.
 *
 * <p>A request the approval policy names waits in AWAITING_APPROVAL before any step (see {@link
 * ApprovalGate}). A READY environment may sleep and wake (see {@link WorkloadSleep}), on request or
 * on its profile's schedule; the expiry keeps running while it sleeps.
 */
public class EnvironmentWorkflowImpl
    implements EnvironmentWorkflow, EnvironmentAccessWorkflow, EnvironmentLifecycleWorkflow {

  /** Change id: the destroy update reports DESTROYING itself (version 1). */
  static final String DESTROYING_IN_HANDLER = "destroy-reports-destroying";

  /**
   * Change id: READY environments are registered with Argo CD when the settings say so (version 1).
   * Runs from before never register and show the step SKIPPED.
   */
  static final String ARGOCD_REGISTRATION = "argocd-registration";

  /** Change id: a READY environment follows its profile's sleep schedule (version 1). */
  static final String SLEEP_SCHEDULE = "sleep-schedule";

  /** Who the status and notifications name for a change the schedule made. */
  static final String SCHEDULE = "schedule";

  /**
   * Change id: the CAPABILITIES step applies the Dapr components of the requested capabilities
   * (version 1). Asked only by runs that have capabilities, which no earlier run had.
   */
  static final String DAPR_COMPONENTS = "dapr-components";

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
  private final ApprovalGate approval = new ApprovalGate();
  private final WorkloadSleep workloadSleep = new WorkloadSleep();
  private final LifecycleNotifier notifier = new LifecycleNotifier();

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
  private boolean argoCdRegistration;
  private boolean wiresCapabilities;

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
    // The TTL runs from when provisioning may begin: for an approved request, its approval.
    Instant provisionFrom = createdAt;
    if (ApprovalGate.needed(request, settings)) {
      if (awaitApproval() != ApprovalOutcome.APPROVED) {
        return status();
      }
      if (destroyRequested) {
        // Destroyed right after the approval, before any step began.
        tearDown();
        return status();
      }
      provisionFrom = now();
    }
    plan = EnvironmentPlan.of(request, settings, createdAt);
    if (!plan.kept()) {
      expiry.start(provisionFrom.plus(plan.ttl()), settings.expiryWarning());
      visibility.expiresAt(expiry.expiresAt());
    }
    if (!request.database().wanted()) {
      ledger.skipped(Step.DATABASE);
    }
    // The settings first: they are recorded in history, so runs whose settings had no say in Argo
    // CD (all runs from before it) never ask for the version and replay without its marker.
    argoCdRegistration =
        settings.argoCdRegistration()
            && Workflow.getVersion(ARGOCD_REGISTRATION, Workflow.DEFAULT_VERSION, 1) >= 1;
    if (!argoCdRegistration) {
      ledger.skipped(Step.ARGOCD);
    }
    wiresCapabilities =
        !plan.capabilities().isEmpty()
            && Workflow.getVersion(DAPR_COMPONENTS, Workflow.DEFAULT_VERSION, 1) >= 1;
    if (!wiresCapabilities) {
      ledger.skipped(Step.CAPABILITIES);
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
      followSleepSchedule();
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
    if (wiresCapabilities) {
      ComponentsSpec components =
          new ComponentsSpec(
              cluster,
              plan.namespace(),
              db == null ? null : db.secretName(),
              plan.capabilities(),
              labels());
      outputs = outputs.withComponents(steps.wireCapabilities(components));
    }
    if (argoCdRegistration) {
      // Last, once the namespace is complete: Argo CD may deploy as soon as it is registered.
      steps.registerWithArgoCd(new ArgoCdRegistrationSpec(cluster, plan.namespace(), labels()));
    }
    access.prepare(namespace);
  }

  /**
   * Waits in AWAITING_APPROVAL until an approver decides, a destroy withdraws the request, or the
   * policy's timeout rejects it. Only an approval goes on; every other outcome ends the run here,
   * with nothing made and so nothing to undo.
   */
  private ApprovalOutcome awaitApproval() {
    String requestedBy = Workflow.getMemo(REQUESTED_BY_MEMO, String.class, String.class);
    approval.begin(settings.approvalPolicy(), requestedBy, now());
    enter(Phase.AWAITING_APPROVAL);
    log.info("environment {} awaits approval (asked by {})", request.environmentId(), requestedBy);
    notify(LifecycleChange.APPROVAL_REQUESTED, requestedBy, null);
    ApprovalOutcome outcome = approval.await(() -> destroyRequested);
    String decidedBy = approval.state().decidedBy();
    String why = approval.state().reason();
    log.info("environment {}: approval {} by {}", request.environmentId(), outcome, decidedBy);
    switch (outcome) {
      case APPROVED -> notify(LifecycleChange.APPROVED, decidedBy, why);
      case REJECTED, TIMED_OUT -> {
        reason =
            outcome == ApprovalOutcome.REJECTED ? "rejected by " + decidedBy + ": " + why : why;
        for (Step step : Step.values()) {
          ledger.skipped(step);
        }
        enter(Phase.REJECTED);
        LifecycleChange kind =
            outcome == ApprovalOutcome.REJECTED
                ? LifecycleChange.REJECTED
                : LifecycleChange.APPROVAL_TIMED_OUT;
        // The run ends next: wait for the notification, or it would be dropped.
        notify(kind, decidedBy, why).get();
      }
      default -> {
        // Withdrawn by a destroy: nothing was made, so there is nothing to tear down.
        for (Step step : Step.values()) {
          ledger.skipped(step);
        }
        enter(Phase.DESTROYED);
        notify(LifecycleChange.APPROVAL_WITHDRAWN, null, reason).get();
      }
    }
    return outcome;
  }

  /**
   * Starts following the profile's sleep schedule beside the expiry watch: a timer to each change,
   * then the same sleep or wake a caller would ask for. It stops when teardown begins.
   */
  private void followSleepSchedule() {
    Optional<SleepSchedule> schedule = settings.sleepPolicy().scheduleFor(request);
    if (schedule.isEmpty()
        || Workflow.getVersion(SLEEP_SCHEDULE, Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION) {
      return;
    }
    ZoneId zone = settings.sleepPolicy().timeZoneOf(request.team());
    Async.procedure(
        () -> {
          while (!destroyRequested) {
            Instant now = now();
            SleepSchedule.Change next = schedule.get().nextChange(now, zone);
            workloadSleep.nextScheduledChange(next.at());
            publishProgress();
            if (Workflow.await(Duration.between(now, next.at()), () -> destroyRequested)) {
              return;
            }
            try {
              if (next.wake()) {
                wake(SCHEDULE);
              } else {
                sleep(SCHEDULE);
              }
            } catch (ApplicationFailure e) {
              // The next change tries again; a caller may also sleep or wake by hand meanwhile.
              log.warn("scheduled change of {} failed: {}", plan.environmentId(), e.getMessage());
            }
          }
        });
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
        access.snapshot(),
        approval.state(),
        workloadSleep.state());
  }

  @Override
  public void validateExtend(ExtendRequest extend) {
    if (phase != Phase.PROVISIONING && phase != Phase.READY && phase != Phase.SLEEPING
        || destroyRequested) {
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
  public void validateApprove(ApprovalDecision decision) {
    approval.validate("approve", decision, true, phase, !destroyRequested);
  }

  @Override
  public EnvironmentStatus approve(ApprovalDecision decision) {
    approval.decide(decision, true, now());
    // The gate's wait ends in the main loop; the phase moves on here so the answer shows it.
    enter(Phase.PROVISIONING);
    return status();
  }

  @Override
  public void validateReject(ApprovalDecision decision) {
    approval.validate("reject", decision, false, phase, !destroyRequested);
  }

  @Override
  public EnvironmentStatus reject(ApprovalDecision decision) {
    approval.decide(decision, false, now());
    // The run ends in the main loop; the phase is final here so the answer shows it.
    reason = "rejected by " + decision.by() + ": " + decision.reason();
    enter(Phase.REJECTED);
    return status();
  }

  @Override
  public void validateSleep(String by) {
    requireAwake("sleep");
  }

  @Override
  public EnvironmentStatus sleep(String by) {
    workloadSleep.lock();
    try {
      // Asleep already (or tearing down since): the answer is the status as it is.
      if (phase == Phase.READY && !destroyRequested) {
        workloadSleep.sleep(namespaceSpec, by, now());
        if (!destroyRequested) {
          enter(Phase.SLEEPING);
        }
        notify(LifecycleChange.SLEPT, by, null);
      }
    } finally {
      workloadSleep.unlock();
    }
    return status();
  }

  @Override
  public void validateWake(String by) {
    requireAwake("wake");
  }

  @Override
  public EnvironmentStatus wake(String by) {
    workloadSleep.lock();
    try {
      if (phase == Phase.SLEEPING && !destroyRequested) {
        workloadSleep.wake(namespaceSpec, by, now());
        if (!destroyRequested) {
          enter(Phase.READY);
        }
        notify(LifecycleChange.WOKE, by, null);
      }
    } finally {
      workloadSleep.unlock();
    }
    return status();
  }

  /** Sleep and wake need a made environment that is not being torn down. */
  private void requireAwake(String verb) {
    if (phase != Phase.READY && phase != Phase.SLEEPING || destroyRequested) {
      throw new IllegalStateException(
          verb + ": the environment is " + phase + ", not READY or SLEEPING");
    }
  }

  /**
   * Tells of an approval or sleep change: as a lifecycle event in runs that announce their changes,
   * on the webhook in runs from before. The promise settles once it was delivered or given up.
   */
  private Promise<Void> notify(LifecycleChange change, String actor, String detail) {
    if (events.active()) {
      return announce(change, actor, detail);
    }
    return notifier.send(change.label(), request.team(), request.name(), actor, detail, now());
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
    announce(change, null, change == LifecycleChange.DELETED ? reason : null);
  }

  /** The same, naming who made the change and why; before approval there is no plan yet. */
  private Promise<Void> announce(LifecycleChange change, String actor, String why) {
    if (!events.active()) {
      return Workflow.newPromise(null);
    }
    int number = announced.merge(change, 1, Integer::sum);
    String workflowId = Workflow.getInfo().getWorkflowId();
    return events
        .announce(
            new LifecycleEvent(
                workflowId
                    + "/"
                    + Workflow.getInfo().getRunId()
                    + "/"
                    + change.label()
                    + "/"
                    + number,
                change,
                request.environmentId(),
                request.team(),
                request.name(),
                outputs.cluster(),
                outputs.namespace(),
                workflowId,
                now(),
                expiry.expiresAt(),
                why,
                actor))
        .thenApply(outcome -> null);
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
