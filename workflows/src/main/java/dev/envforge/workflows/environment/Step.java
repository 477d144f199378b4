package dev.envforge.workflows.environment;

/** The provisioning steps, in the order they start; teardown runs them backwards. */
public enum Step {
  /** Resolve a shared cluster, or create a dedicated one. */
  CLUSTER,
  /** The Namespace itself. */
  NAMESPACE,
  /** ResourceQuota, LimitRange, NetworkPolicy, RoleBinding; runs beside DATABASE. */
  GUARDRAILS,
  /** The database and the connection Secret; runs beside GUARDRAILS. */
  DATABASE,
  /** The Dapr components of the requested capabilities; after DATABASE, whose Secret they name. */
  CAPABILITIES,
  /**
   * The environment as an Argo CD destination (AppProject, and a cluster Secret for a dedicated
   * cluster); SKIPPED where Argo CD registration is not configured.
   */
  ARGOCD
}
