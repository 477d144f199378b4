package dev.envforge.starter.api;

import dev.envforge.starter.access.IssuedAccess;
import java.time.Instant;

/**
 * A kubeconfig for one environment's namespace, as the API answers it in JSON.
 *
 * @param kubeconfig the whole kubeconfig (YAML) with the token; shown once, never stored
 * @param grantId revokes it: {@code DELETE .../access/{grantId}}
 * @param expiresAt when the token stops working
 * @param serviceAccount who the token acts as
 */
public record AccessView(
    String kubeconfig,
    Instant expiresAt,
    String grantId,
    String namespace,
    String server,
    String serviceAccount,
    String grantedTo) {

  static AccessView of(IssuedAccess issued) {
    return new AccessView(
        issued.kubeconfig(),
        issued.expiresAt(),
        issued.grantId(),
        issued.namespace(),
        issued.server(),
        issued.serviceAccount(),
        issued.grantedTo());
  }

  @Override
  public String toString() {
    return "AccessView[grantId=" + grantId + ", namespace=" + namespace + "]";
  }
}
