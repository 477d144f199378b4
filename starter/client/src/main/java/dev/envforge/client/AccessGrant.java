package dev.envforge.client;

import java.time.Instant;

/**
 * A kubeconfig for one environment's namespace, valid until {@code expiresAt}, as the API answers
 * {@code POST .../access}. The kubeconfig holds a credential: keep it out of logs and files others
 * can read.
 *
 * @param grantId names the grant for revoking it
 * @param server the API server the kubeconfig points at
 * @param serviceAccount who the token acts as, {@code system:serviceaccount:<namespace>:<name>}
 * @param grantedTo the caller the grant was made for
 */
public record AccessGrant(
    String kubeconfig,
    Instant expiresAt,
    String grantId,
    String namespace,
    String server,
    String serviceAccount,
    String grantedTo) {

  /** Never the kubeconfig: a record's generated text would print the token. */
  @Override
  public String toString() {
    return "AccessGrant[grantId="
        + grantId
        + ", namespace="
        + namespace
        + ", expiresAt="
        + expiresAt
        + "]";
  }
}
