package dev.envforge.images;

import dev.envforge.testing.LocalPlatform;
import java.nio.file.Path;

/**
 * The images the build makes, where each tarball is, and what its application needs to start here
 * as its Helm chart would start it. A new image is one more constant.
 */
enum EnvforgeImage {
  WORKER("worker/target/worker-image.tar", "ENVFORGE_WORKER_PORT") {
    @Override
    void configure(ContainerRun.Builder container, LocalPlatform platform, Path secrets) {
      container
          .env("ENVFORGE_KUBECONFIG", "/etc/envforge/secrets/kubeconfig")
          .env("ENVFORGE_KUBE_CONTEXT", platform.kubeContext())
          .env("ENVFORGE_POSTGRES_URL", platform.postgresUrl())
          .env("ENVFORGE_POSTGRES_USER", platform.postgresUser())
          .env("ENVFORGE_POSTGRES_PASSWORD_FILE", "/etc/envforge/secrets/postgres-password")
          // Its schedule is the platform's; a test worker must not touch it.
          .env("ENVFORGE_REAPER_ENABLED", "false")
          .volume(secrets, "/etc/envforge/secrets");
    }
  },
  STARTER("starter/target/starter-image.tar", "ENVFORGE_STARTER_PORT") {
    @Override
    void configure(ContainerRun.Builder container, LocalPlatform platform, Path secrets) {
      // Without tokens or an issuer it refuses every API call; its health stays open.
    }
  },
  OPERATOR("starter/operator/target/operator-image.tar", "ENVFORGE_OPERATOR_PORT") {
    @Override
    void configure(ContainerRun.Builder container, LocalPlatform platform, Path secrets) {
      container
          .env("ENVFORGE_OPERATOR_KUBECONFIG", "/etc/envforge/secrets/kubeconfig")
          .env("ENVFORGE_OPERATOR_KUBE_CONTEXT", platform.kubeContext())
          .volume(secrets, "/etc/envforge/secrets");
    }
  };

  private final String tarball;
  private final String portVariable;

  EnvforgeImage(String tarball, String portVariable) {
    this.tarball = tarball;
    this.portVariable = portVariable;
  }

  Path tarball(Path repositoryRoot) {
    return repositoryRoot.resolve(tarball);
  }

  String portVariable() {
    return portVariable;
  }

  /**
   * Settings beyond Temporal's and the port. {@code secrets} is a directory readable by the image's
   * user holding the kubeconfig and the Postgres password, mounted like a Secret.
   */
  abstract void configure(ContainerRun.Builder container, LocalPlatform platform, Path secrets);
}
