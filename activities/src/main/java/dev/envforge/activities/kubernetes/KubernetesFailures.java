package dev.envforge.activities.kubernetes;

import dev.envforge.workflows.failure.EnvironmentFailure;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one translation of Kubernetes API errors into permanent and transient failures, for every
 * activity that talks to an API server.
 *
 * <p>A 401 (the API server does not accept envforge's credentials) or a 403 (its RBAC does not
 * allow the call) is something no retry fixes, so it becomes {@code FORBIDDEN}, a final failure.
 * The one 403 that is not about permissions is the refusal to write into a namespace that is being
 * deleted: it ends when the namespace is gone, so it stays transient. Everything else (conflicts,
 * timeouts, 5xx, connection errors, a namespace not there yet) stays transient and is retried.
 */
public final class KubernetesFailures {

  /**
   * The cause the API server attaches to a 403 for writes into a namespace that is being deleted.
   * That refusal ends when the namespace is gone, so it is transient, not a lack of permission.
   */
  public static final String NAMESPACE_TERMINATING_CAUSE = "NamespaceTerminating";

  private static final int UNAUTHORIZED = 401;
  private static final int FORBIDDEN = 403;

  private KubernetesFailures() {}

  /**
   * Runs API calls described by {@code what}, a verb phrase (e.g. "apply ResourceQuota
   * team-a/quota"), translating what they throw.
   */
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

  /**
   * The exception to throw for a failed call: {@code FORBIDDEN} with the server's message, or the
   * original exception, which the activity's retries deal with.
   */
  public static RuntimeException translate(String what, KubernetesClientException e) {
    if (isPermanent(e)) {
      return EnvironmentFailure.FORBIDDEN.failure(
          "the Kubernetes API refused to " + what + ": " + statusMessage(e), e);
    }
    return e;
  }

  /**
   * The same translation for calls about Secrets: the result names only the HTTP code and the
   * status reason and keeps no cause, because the server's message and the original exception may
   * quote what was sent, and a Secret's values must never reach logs or workflow history. Transient
   * failures become {@code transientFailure.apply(message)}.
   */
  public static RuntimeException translateWithoutDetails(
      String what,
      KubernetesClientException e,
      Function<String, RuntimeException> transientFailure) {
    String reason =
        e.getStatus() != null && e.getStatus().getReason() != null
            ? e.getStatus().getReason()
            : "no reason given";
    String outcome = "HTTP " + e.getCode() + " (" + reason + ")";
    if (isPermanent(e)) {
      return EnvironmentFailure.FORBIDDEN.failure(
          "the Kubernetes API refused to " + what + ": " + outcome);
    }
    return transientFailure.apply("could not " + what + ": " + outcome);
  }

  /** Whether no retry can make the call succeed: envforge is not allowed to make it. */
  static boolean isPermanent(KubernetesClientException e) {
    return e.getCode() == UNAUTHORIZED
        || (e.getCode() == FORBIDDEN && !namespaceTerminating(e.getStatus()));
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
