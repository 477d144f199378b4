package dev.envforge.deploy.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.activities.kubernetes.LocalClusterClients;
import dev.envforge.testing.LocalPlatformExtension;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The GitHub Action's own tests ({@code deploy/github-action/test}, Node's test runner) against the
 * real API and worker: pull request opened, pushed to with the same and with another spec, closed;
 * a request the API refuses; provisioning that fails for good; the scheduled sweep. GitHub's REST
 * endpoints are played by a server inside those tests, since GitHub cannot be reached from here.
 */
@ExtendWith({LocalPlatformExtension.class, PreviewStack.class})
class GitHubActionIT {

  /** An environment whose namespace the test makes first, owned by no one envforge knows. */
  private static final String CONFLICTING = "pr-66";

  @Test
  void theActionsTestsPassAgainstTheRealApi(PreviewStack.Stack stack) {
    NodeTests.prepare(null);
    String namespace = stack.namespaceOf(CONFLICTING);
    try (KubernetesClient kube = LocalClusterClients.standaloneClient(stack.platform())) {
      kube.namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .serverSideApply();
      try {
        NodeTests.runAll(
            "deploy/github-action/test/",
            Map.of(
                "ENVFORGE_TEST_SERVER", stack.server(),
                "ENVFORGE_TEST_TOKEN", stack.token(),
                "ENVFORGE_TEST_TEAM", stack.team(),
                "ENVFORGE_TEST_CONFLICT_NAME", CONFLICTING),
            "github-action-tests.tap");
        assertThat(kube.namespaces().withName(namespace).get())
            .as("the namespace envforge does not own is left alone")
            .isNotNull();
      } finally {
        kube.namespaces().withName(namespace).delete();
      }
    }
  }
}
