package dev.envforge.starter.access;

import java.time.Instant;

/**
 * A kubeconfig just handed out. Lives only for the answer: it holds the token.
 *
 * @param serviceAccount who the token acts as, {@code system:serviceaccount:<namespace>:<name>}
 */
public record IssuedAccess(
    String grantId,
    String kubeconfig,
    Instant expiresAt,
    String namespace,
    String server,
    String serviceAccount,
    String grantedTo) {

  /** Never the kubeconfig: a record's generated text would print the token. */
  @Override
  public String toString() {
    return "IssuedAccess[grantId=" + grantId + ", namespace=" + namespace + "]";
  }
}
