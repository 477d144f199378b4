package dev.envforge.activities.kubernetes;

import dev.envforge.workflows.failure.EnvironmentFailure;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/**
 * Sorts Kubernetes API errors into permanent and transient ones: a 403 means envforge's RBAC does
 * not allow the call, which no retry fixes, so it becomes {@code FORBIDDEN}; everything else
 * (conflicts, timeouts, 5xx, connection errors) stays a plain exception that the workflow retries.
 */
public final class KubernetesFailures {

  /**
   * The cause the API server attaches to a 403 for writes into a namespace that is being deleted.
   * That refusal ends when the namespace is gone, so it is transient, not a lack of permission.
   */
  public static final String NAMESPACE_TERMINATING_CAUSE = "NamespaceTerminating";

  private static final int FORBIDDEN = 403;

  private KubernetesFailures() {}

  /** Runs one API call described by {@code what} (e.g. "apply ResourceQuota team-a/quota"). */
  public static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (KubernetesClientException e) {
      throw translate(what, e);
    }
  }

  public static void run(String what, Runnable call) {
    call(
        what,
        () -> {
          call.run();
          return null;
        });
  }

  /** The exception to throw for a failed call: a typed failure, or the original one. */
  public static RuntimeException translate(String what, KubernetesClientException e) {
    if (e.getCode() == FORBIDDEN && !namespaceTerminating(e.getStatus())) {
      return EnvironmentFailure.FORBIDDEN.failure(
          "the Kubernetes API refused to " + what + ": " + statusMessage(e), e);
    }
    return e;
  }

  static boolean namespaceTerminating(Status status) {
    return status != null
        && status.getDetails() != null
        && status.getDetails().getCauses() != null
        && status.getDetails().getCauses().stream()
            .map(StatusCause::getReason)
            .anyMatch(NAMESPACE_TERMINATING_CAUSE::equals);
  }

  private static String statusMessage(KubernetesClientException e) {
    Status status = e.getStatus();
    return status != null && status.getMessage() != null ? status.getMessage() : e.getMessage();
  }
}
