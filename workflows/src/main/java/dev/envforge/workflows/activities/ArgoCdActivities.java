package dev.envforge.workflows.activities;

import io.temporal.activity.ActivityInterface;

/**
 * Argo CD's view of environments: each READY environment is a destination Argo CD may deploy to,
 * declared by the objects Argo CD reads from its namespace (an AppProject, and for a dedicated
 * cluster a cluster Secret). Both calls are idempotent and short.
 */
@ActivityInterface
public interface ArgoCdActivities {

  /**
   * Declares the environment to Argo CD: its AppProject, whose only destination is the
   * environment's namespace, and for a dedicated cluster the cluster Secret with the credentials
   * from the cluster's connection Secret. An object of the same name that another environment or
   * someone else owns fails with {@code ARGOCD_CONFLICT}; Argo CD's CRDs or namespace missing, or a
   * kubeconfig whose credentials a cluster Secret cannot hold, with {@code ARGOCD_UNAVAILABLE}.
   */
  void registerWithArgoCd(ArgoCdRegistrationSpec spec);

  /**
   * Removes what {@link #registerWithArgoCd} declared; objects that are gone, or that this
   * environment does not own, are left alone.
   */
  void unregisterFromArgoCd(ArgoCdRegistrationSpec spec);
}
