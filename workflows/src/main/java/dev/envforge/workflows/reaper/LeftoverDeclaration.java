package dev.envforge.workflows.reaper;

import java.util.Map;
import java.util.Objects;

/**
 * One kind of thing a provisioning step leaves behind, as the reaper needs to know it.
 *
 * @param kind the name the reaper's report lists it under (lower case, stable)
 * @param apiVersion the Kubernetes API group and version ({@code group/version}, or {@code v1});
 *     null for {@link LeftoverPlacement#POSTGRES}
 * @param resourceKind the Kubernetes kind; null for {@link LeftoverPlacement#POSTGRES}
 * @param placement where it lives, which decides how it is found
 * @param selector labels it carries besides envforge's own ({@code app.kubernetes.io/managed-by},
 *     {@code envforge.dev/environment}, {@code envforge.dev/team}), to tell it from other objects
 *     of the same kind; empty for none
 * @param namespace for {@link LeftoverPlacement#MANAGEMENT_CLUSTER}: the one namespace it lives in
 *     (searching one namespace needs rights in that namespace only, e.g. to list Secrets); null
 *     when cluster-scoped or in any namespace
 */
public record LeftoverDeclaration(
    String kind,
    String apiVersion,
    String resourceKind,
    LeftoverPlacement placement,
    Map<String, String> selector,
    String namespace) {

  /** A declaration of something cluster-scoped, in any namespace, or not in Kubernetes. */
  public LeftoverDeclaration(
      String kind,
      String apiVersion,
      String resourceKind,
      LeftoverPlacement placement,
      Map<String, String> selector) {
    this(kind, apiVersion, resourceKind, placement, selector, null);
  }

  public LeftoverDeclaration {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(placement, "placement");
    if (!kind.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?")) {
      throw new IllegalArgumentException("a leftover kind is lower case with dashes, not " + kind);
    }
    if (placement != LeftoverPlacement.POSTGRES && (apiVersion == null || resourceKind == null)) {
      throw new IllegalArgumentException(kind + ": a Kubernetes object needs apiVersion and kind");
    }
    selector = selector == null ? Map.of() : Map.copyOf(selector);
  }

  /** Something in the management cluster that carries envforge's labels (and {@code selector}). */
  public static LeftoverDeclaration inManagementCluster(
      String kind, String apiVersion, String resourceKind, Map<String, String> selector) {
    return new LeftoverDeclaration(
        kind, apiVersion, resourceKind, LeftoverPlacement.MANAGEMENT_CLUSTER, selector);
  }

  /**
   * Something in one namespace of the management cluster (Argo CD's, say) that carries envforge's
   * labels (and {@code selector}).
   */
  public static LeftoverDeclaration inManagementNamespace(
      String kind,
      String apiVersion,
      String resourceKind,
      String namespace,
      Map<String, String> selector) {
    return new LeftoverDeclaration(
        kind,
        apiVersion,
        resourceKind,
        LeftoverPlacement.MANAGEMENT_CLUSTER,
        selector,
        Objects.requireNonNull(namespace, "namespace"));
  }

  /**
   * The same declaration in another namespace: for a namespace the worker's configuration sets,
   * which the worker applies when it hands the declarations to a sweep.
   */
  public LeftoverDeclaration inNamespace(String otherNamespace) {
    return new LeftoverDeclaration(
        kind, apiVersion, resourceKind, placement, selector, otherNamespace);
  }

  /** Something inside the environment's namespace, which goes when the namespace goes. */
  public static LeftoverDeclaration inEnvironmentNamespace(
      String kind, String apiVersion, String resourceKind) {
    return new LeftoverDeclaration(
        kind, apiVersion, resourceKind, LeftoverPlacement.IN_ENVIRONMENT_NAMESPACE, Map.of());
  }

  /** Whether a sweep searches for it itself, rather than deleting it with the namespace. */
  public boolean sweptOnItsOwn() {
    return placement != LeftoverPlacement.IN_ENVIRONMENT_NAMESPACE;
  }
}
