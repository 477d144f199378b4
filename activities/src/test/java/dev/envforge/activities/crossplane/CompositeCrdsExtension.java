package dev.envforge.activities.crossplane;

import dev.envforge.activities.kubernetes.LocalClusterClients;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Installs the CRDs of envforge's composites (as Crossplane derives them from the XRDs) into the
 * local platform's API server once per test run, and removes them when the run ends.
 */
public final class CompositeCrdsExtension implements BeforeAllCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(CompositeCrdsExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(Installed.class, key -> Installed.install(), Installed.class);
  }

  static KubernetesClient localClient() {
    LocalPlatform platform = LocalPlatformExtension.platform();
    return LocalClusterClients.standaloneClient(platform);
  }

  /** The installed CRDs; closing the root store at the end of the run deletes them. */
  private record Installed(List<String> names) implements AutoCloseable {

    static Installed install() {
      try (KubernetesClient client = localClient()) {
        List<String> names =
            List.of(CrossplaneXrd.cluster(), CrossplaneXrd.database()).stream()
                .map(xrd -> CompositeCrds.install(client, xrd.toCrd(xrd.group())))
                .map(crd -> crd.getMetadata().getName())
                .toList();
        return new Installed(names);
      }
    }

    @Override
    public void close() {
      try (KubernetesClient client = localClient()) {
        names.forEach(name -> CompositeCrds.remove(client, name));
      }
    }
  }
}
