package dev.envforge.activities.secret;

import dev.envforge.workflows.failure.EnvironmentFailure;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Turns API server errors about connection Secrets into safe exceptions. The original exception is
 * not kept as a cause: its message quotes the server's status text, and nothing may carry a value
 * of a Secret into logs or workflow history.
 */
final class SecretAccessFailures {

  private SecretAccessFailures() {}

  static RuntimeException translate(String action, KubernetesClientException e) {
    String reason =
        e.getStatus() != null && e.getStatus().getReason() != null
            ? e.getStatus().getReason()
            : "no reason given";
    String message = action + " failed: HTTP " + e.getCode() + " (" + reason + ")";
    if (e.getCode() == 403) {
      return EnvironmentFailure.FORBIDDEN.failure(message);
    }
    // Anything else (the namespace not there yet, a timeout, a conflict) may pass: retry.
    return new ConnectionSecretException(message);
  }
}
