package dev.envforge.workflows.reaper;

import dev.envforge.workflows.environment.Step;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The one place where each provisioning step declares what it leaves behind, so that the reaper
 * finds every leftover of an environment whose workflow is gone. The switch has no default: a new
 * {@link Step} does not compile until it says here what it makes (even if nothing), and a
 * declaration in the management cluster is swept by its labels without further code.
 */
public final class Leftovers {

  /** The namespace itself; the report's name for the namespaces every sweep lists. */
  public static final LeftoverDeclaration NAMESPACE =
      new LeftoverDeclaration(
          "namespace", "v1", "Namespace", LeftoverPlacement.ENVIRONMENT_NAMESPACE, Map.of());

  /** A dedicated cluster's Crossplane composite, cluster-scoped in the management cluster. */
  public static final LeftoverDeclaration DEDICATED_CLUSTER =
      LeftoverDeclaration.inManagementCluster(
          "xenvcluster", "platform.envforge.dev/v1alpha1", "XEnvCluster", Map.of());

  /** A {@code direct} database and its role, on any configured Postgres server. */
  public static final LeftoverDeclaration POSTGRES_DATABASE =
      new LeftoverDeclaration("postgres", null, null, LeftoverPlacement.POSTGRES, Map.of());

  /**
   * Argo CD's project for an environment, in Argo CD's namespace of the management cluster (the
   * worker hands the sweep the configured namespace in place of this default). A dedicated
   * cluster's Argo CD cluster Secret is the project's dependent (an owner reference), so the
   * garbage collector removes it with the project and the worker never lists Argo CD's Secrets.
   */
  public static final LeftoverDeclaration ARGOCD_PROJECT =
      LeftoverDeclaration.inManagementNamespace(
          "argocd-appproject", "argoproj.io/v1alpha1", "AppProject", "argocd", Map.of());

  private Leftovers() {}

  /** What {@code step} leaves behind when its environment's workflow does not undo it. */
  public static List<LeftoverDeclaration> of(Step step) {
    return switch (step) {
      case CLUSTER -> List.of(DEDICATED_CLUSTER);
      case NAMESPACE -> List.of(NAMESPACE);
      case GUARDRAILS ->
          List.of(
              LeftoverDeclaration.inEnvironmentNamespace("resourcequota", "v1", "ResourceQuota"),
              LeftoverDeclaration.inEnvironmentNamespace("limitrange", "v1", "LimitRange"),
              LeftoverDeclaration.inEnvironmentNamespace(
                  "networkpolicy", "networking.k8s.io/v1", "NetworkPolicy"),
              LeftoverDeclaration.inEnvironmentNamespace(
                  "rolebinding", "rbac.authorization.k8s.io/v1", "RoleBinding"));
      case DATABASE ->
          List.of(
              POSTGRES_DATABASE,
              LeftoverDeclaration.inEnvironmentNamespace("connection-secret", "v1", "Secret"),
              LeftoverDeclaration.inEnvironmentNamespace(
                  "envdatabase", "platform.envforge.dev/v1alpha1", "EnvDatabase"));
      case CAPABILITIES ->
          List.of(
              LeftoverDeclaration.inEnvironmentNamespace(
                  "dapr-component", "dapr.io/v1alpha1", "Component"));
      case ARGOCD -> List.of(ARGOCD_PROJECT);
    };
  }

  /** Every declaration of every step, in step order. */
  public static List<LeftoverDeclaration> all() {
    return Arrays.stream(Step.values()).flatMap(step -> of(step).stream()).toList();
  }

  /**
   * The declarations a sweep searches for by labels in the management cluster, in step order: the
   * ones that do not go with the namespace and are not namespaces or databases themselves.
   */
  public static List<LeftoverDeclaration> inManagementCluster() {
    return all().stream()
        .filter(d -> d.placement() == LeftoverPlacement.MANAGEMENT_CLUSTER)
        .toList();
  }

  /**
   * The same, with Argo CD's registrations searched in {@code argoCdNamespace}, or not searched at
   * all when it is null: with registration off the worker has no rights in Argo CD's namespace.
   */
  public static List<LeftoverDeclaration> inManagementCluster(String argoCdNamespace) {
    List<LeftoverDeclaration> argoCd = of(Step.ARGOCD);
    return inManagementCluster().stream()
        .filter(d -> argoCdNamespace != null || !argoCd.contains(d))
        .map(d -> argoCd.contains(d) ? d.inNamespace(argoCdNamespace) : d)
        .toList();
  }
}
