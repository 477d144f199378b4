package dev.envforge.workflows.activities;

import io.temporal.activity.ActivityInterface;

/**
 * Developers' credentials for an environment's namespace: a ServiceAccount bound to the team's
 * ClusterRole, and tokens for it, each bound to an object of its own so that one grant can be
 * revoked and all of them die with the namespace.
 */
@ActivityInterface
public interface AccessActivities {

  /** Applies the developers' ServiceAccount and its RoleBinding in the namespace. */
  void ensureAccessAccount(NamespaceSpec spec);

  /**
   * Creates the grant's bound object and mints a token bound to it, sealed to the grant's public
   * key. The lifetime is capped by the configured maximum and {@code notAfter}; a grant whose
   * lifetime would fall under the API server's minimum of ten minutes fails for good.
   */
  IssuedToken issueToken(TokenGrantSpec spec);

  /** Deletes the grant's bound object, which ends its token; NotFound is done. */
  void revokeGrant(NamespaceSpec spec, String grantId);
}
