package dev.envforge.workflows.environment;

import dev.envforge.workflows.activities.EnvironmentSettings;
import dev.envforge.workflows.lifecycle.ApprovalDecision;
import dev.envforge.workflows.lifecycle.ApprovalOutcome;
import dev.envforge.workflows.lifecycle.ApprovalPolicy;
import dev.envforge.workflows.lifecycle.ApprovalState;
import dev.envforge.workflows.request.EnvironmentRequest;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Holds a request that the approval policy names until an approver decides, the environment is
 * destroyed, or the policy's timeout passes. Nothing is made while it waits.
 */
final class ApprovalGate {

  /** Change id: requests the approval policy names wait for a decision first (version 1). */
  static final String CHANGE_ID = "approval-gate";

  private ApprovalPolicy policy;
  private ApprovalState state;

  /**
   * Whether this run waits for approval. The version marker is taken only by runs that do, so runs
   * of requests that need none replay as before.
   */
  static boolean needed(EnvironmentRequest request, EnvironmentSettings settings) {
    return settings.approvalPolicy().requires(request)
        && Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /** Null when the run did not wait for approval. */
  ApprovalState state() {
    return state;
  }

  boolean waiting() {
    return state != null && state.pending();
  }

  void begin(ApprovalPolicy policy, String requestedBy, Instant now) {
    this.policy = policy;
    state = ApprovalState.pending(requestedBy, now, now.plus(policy.timeout()));
  }

  /**
   * Waits for the decision. A destroy withdraws the request; a timeout rejects it.
   *
   * @param destroyed whether a destroy arrived
   */
  ApprovalOutcome await(BooleanSupplier destroyed) {
    Workflow.await(policy.timeout(), () -> !state.pending() || destroyed.getAsBoolean());
    if (state.pending()) {
      Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
      state =
          destroyed.getAsBoolean()
              ? state.decided(
                  ApprovalOutcome.WITHDRAWN, null, now, "destroyed while awaiting approval")
              : state.decided(
                  ApprovalOutcome.TIMED_OUT, null, now, "not approved within " + policy.timeout());
    }
    return state.outcome();
  }

  /**
   * Throws if the decision cannot be taken: the run does not wait (any more), nobody is named, a
   * rejection gives no reason, or the requester approves their own request against the policy.
   *
   * @param open false once a destroy arrived
   */
  void validate(
      String verb, ApprovalDecision decision, boolean approving, Phase phase, boolean open) {
    if (!waiting() || !open) {
      throw new IllegalStateException(
          verb + ": the environment is " + phase + ", not " + Phase.AWAITING_APPROVAL);
    }
    if (decision == null || decision.by() == null || decision.by().isBlank()) {
      throw new IllegalArgumentException(verb + ": who decides is not named");
    }
    if (!approving
        && (decision.reason() == null || decision.reason().chars().allMatch(c -> c == ' '))) {
      throw new IllegalArgumentException(verb + ": a reason is required");
    }
    if (approving && !policy.selfApprovalAllowed() && decision.by().equals(state.requestedBy())) {
      throw new IllegalArgumentException(
          verb + ": " + decision.by() + " asked for this environment and may not approve it");
    }
  }

  void decide(ApprovalDecision decision, boolean approving, Instant now) {
    String reason =
        decision.reason() == null || decision.reason().isBlank() ? null : decision.reason();
    state =
        state.decided(
            approving ? ApprovalOutcome.APPROVED : ApprovalOutcome.REJECTED,
            decision.by(),
            now,
            reason);
  }
}
