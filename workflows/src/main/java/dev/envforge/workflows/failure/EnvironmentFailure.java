package dev.envforge.workflows.failure;

import io.temporal.failure.ApplicationFailure;

/**
 * Every way provisioning can fail for good. Activities throw these as non-retryable {@link
 * ApplicationFailure}s whose type is the constant's name; any other exception is transient and
 * retried with backoff.
 */
public enum EnvironmentFailure {
  /** The request breaks a rule (a field, the TTL bounds). */
  INVALID_REQUEST,
  /** A shared cluster that the registry does not know. */
  UNKNOWN_CLUSTER,
  /** A dedicated cluster's composite reported a failure or never became Ready in time. */
  CLUSTER_NOT_READY,
  /** The namespace exists and belongs to someone else. */
  NAMESPACE_CONFLICT,
  /** The namespace did not disappear within the configured patience (finalizers). */
  NAMESPACE_STUCK,
  /** The database or role exists and belongs to someone else. */
  DATABASE_CONFLICT,
  /** A composite database reported a failure or never became Ready in time. */
  DATABASE_NOT_READY,
  /** The environment's AppProject or cluster Secret in Argo CD's namespace belongs to another. */
  ARGOCD_CONFLICT,
  /**
   * Argo CD registration cannot work here: Argo CD's CRDs or its namespace are missing, or a
   * dedicated cluster's kubeconfig holds credentials an Argo CD cluster Secret cannot carry.
   */
  ARGOCD_UNAVAILABLE,
  /** A Dapr component of a capability's name exists in the namespace and is someone else's. */
  CAPABILITY_CONFLICT,
  /** The cluster does not serve a capability's provider (Dapr's Component resource). */
  CAPABILITY_UNAVAILABLE,
  /** The platform refused envforge's credentials (RBAC, Postgres privileges). */
  FORBIDDEN,
  /** A step kept failing with transient errors until its deadline passed. */
  STEP_DEADLINE_EXCEEDED,
  /** A non-retryable failure of a type envforge does not know (from a library or the SDK). */
  UNEXPECTED;

  /** The constant named by a failure's type, or the fallback for types from elsewhere. */
  public static EnvironmentFailure valueOfOr(String type, EnvironmentFailure fallback) {
    for (EnvironmentFailure failure : values()) {
      if (failure.name().equals(type)) {
        return failure;
      }
    }
    return fallback;
  }

  public ApplicationFailure failure(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, name());
  }

  public ApplicationFailure failure(String message, Throwable cause) {
    return ApplicationFailure.newNonRetryableFailureWithCause(message, name(), cause);
  }
}
