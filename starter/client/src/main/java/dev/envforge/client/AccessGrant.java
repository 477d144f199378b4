package dev.envforge.client;

import java.time.Instant;

/**
 * A kubeconfig for one environment's namespace, valid until {@code expiresAt}. The kubeconfig holds
 * a credential: keep it out of logs and files others can read.
 *
 * @param grantId names the grant for revoking it
 */
public record AccessGrant(String kubeconfig, Instant expiresAt, String grantId) {

  @Override
  public String toString() {
    return "AccessGrant[grantId=" + grantId + ", expiresAt=" + expiresAt + "]";
  }
}
