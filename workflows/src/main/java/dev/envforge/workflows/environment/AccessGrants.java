package dev.envforge.workflows.environment;

import dev.envforge.workflows.access.AccessGrant;
import dev.envforge.workflows.access.AccessRequest;
import dev.envforge.workflows.access.GrantedAccess;
import dev.envforge.workflows.access.SealedTokens;
import dev.envforge.workflows.activities.AccessActivities;
import dev.envforge.workflows.activities.ActivityTimeouts;
import dev.envforge.workflows.activities.IssuedToken;
import dev.envforge.workflows.activities.NamespaceSpec;
import dev.envforge.workflows.activities.TokenGrantSpec;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Developers' access to a READY environment: the ServiceAccount made while provisioning, and the
 * grants handed out since. The workflow decides who may have a token and for how long; the activity
 * mints it, sealed to the API's one-time key, so no token ever reaches the history in the clear.
 */
final class AccessGrants {

  /** Change id: provisioning also makes the developers' ServiceAccount (version 1). */
  static final String ACCESS_ACCOUNT = "access-account";

  /** The API server refuses shorter tokens. */
  static final Duration MIN_LIFETIME = Duration.ofMinutes(10);

  /** The failure type of a grant that could not be minted. */
  static final String ACCESS_UNAVAILABLE = "AccessUnavailable";

  private static final Logger log = Workflow.getLogger(AccessGrants.class);

  /**
   * Server-retried, briefly: the caller waits for the answer, and a grant that does not come soon
   * is better asked for again than kept waiting on.
   */
  private static final ActivityOptions OPTIONS =
      ActivityTimeouts.apiCall()
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofSeconds(5))
                  .setMaximumAttempts(4)
                  .build())
          .build();

  /**
   * Making the account is a short apply at the end of provisioning: as a local call it joins the
   * provisioning's workflow task instead of costing an activity task and a workflow task of its
   * own.
   */
  private static final LocalActivityOptions ACCOUNT_OPTIONS =
      ActivityTimeouts.localApiCall()
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofSeconds(5))
                  .setMaximumAttempts(4)
                  .build())
          .build();

  private final AccessActivities access = Workflow.newActivityStub(AccessActivities.class, OPTIONS);

  private final AccessActivities accountMaker =
      Workflow.newLocalActivityStub(AccessActivities.class, ACCOUNT_OPTIONS);

  private final List<AccessGrant> grants = new ArrayList<>();

  /**
   * Makes the ServiceAccount and its RoleBinding. Runs that began before this existed skip it; a
   * failure is only logged, since every grant makes them again before it mints a token.
   */
  void prepare(NamespaceSpec namespace) {
    if (Workflow.getVersion(ACCESS_ACCOUNT, Workflow.DEFAULT_VERSION, 1) < 1) {
      return;
    }
    try {
      accountMaker.ensureAccessAccount(namespace);
    } catch (ActivityFailure e) {
      log.warn(
          "the developers' ServiceAccount in {} was not made; the first grant retries: {}",
          namespace.namespace(),
          e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
    }
  }

  /** The grants handed out, oldest first, revoked ones left out. */
  List<AccessGrant> snapshot() {
    return List.copyOf(grants);
  }

  /**
   * Refuses a grant the environment cannot give: IllegalStateException when its state forbids it,
   * IllegalArgumentException when the request is wrong.
   */
  static void validate(AccessRequest request, boolean ready, Instant expiresAt, Instant now) {
    if (!ready) {
      throw new IllegalStateException("access: the environment is not READY");
    }
    if (request == null || !SealedTokens.readable(request.publicKey())) {
      throw new IllegalArgumentException("access: the request carries no readable public key");
    }
    Optional<Duration> ttl = ttl(request);
    if (ttl.isPresent() && ttl.get().compareTo(MIN_LIFETIME) < 0) {
      throw new IllegalArgumentException(
          "access: ttl " + ttl.get() + " is shorter than the minimum " + MIN_LIFETIME);
    }
    if (expiresAt != null && Duration.between(now, expiresAt).compareTo(MIN_LIFETIME) < 0) {
      throw new IllegalStateException(
          "access: the environment expires at "
              + expiresAt
              + ", sooner than the shortest token ("
              + MIN_LIFETIME
              + "); extend it first");
    }
  }

  /** Mints a grant's token and records the grant; the token stays sealed. */
  GrantedAccess grant(
      AccessRequest request, NamespaceSpec namespace, Instant expiresAt, Instant now) {
    String grantId = Workflow.randomUUID().toString().replace("-", "").substring(0, 16);
    TokenGrantSpec spec =
        new TokenGrantSpec(
            namespace, grantId, ttl(request).orElse(null), expiresAt, request.publicKey());
    IssuedToken issued;
    try {
      accountMaker.ensureAccessAccount(namespace);
      issued = access.issueToken(spec);
    } catch (ActivityFailure e) {
      throw ApplicationFailure.newFailure(
          "access: no token could be issued: " + StepRunner.describe(e), ACCESS_UNAVAILABLE);
    }
    AccessGrant grant = new AccessGrant(grantId, request.caller(), now, issued.expiresAt());
    grants.add(grant);
    return new GrantedAccess(
        grant, namespace.namespace(), issued.serviceAccount(), issued.cluster(), issued.token());
  }

  /** Refuses to revoke a grant this environment never handed out (or already revoked). */
  void validateRevoke(String grantId) {
    if (grants.stream().noneMatch(grant -> grant.grantId().equals(grantId))) {
      throw new IllegalArgumentException("access: no grant " + grantId);
    }
  }

  /** Deletes the grant's bound object, which ends its token, and forgets the grant. */
  void revoke(String grantId, NamespaceSpec namespace) {
    try {
      access.revokeGrant(namespace, grantId);
    } catch (ActivityFailure e) {
      throw ApplicationFailure.newFailure(
          "access: grant " + grantId + " could not be revoked: " + StepRunner.describe(e),
          ACCESS_UNAVAILABLE);
    }
    grants.removeIf(grant -> grant.grantId().equals(grantId));
  }

  private static Optional<Duration> ttl(AccessRequest request) {
    if (request.ttl() == null || request.ttl().isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.parse(request.ttl()));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "access: ttl '" + request.ttl() + "' is not an ISO-8601 duration such as PT1H");
    }
  }
}
