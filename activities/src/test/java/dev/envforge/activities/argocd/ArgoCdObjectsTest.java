package dev.envforge.activities.argocd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envforge.workflows.activities.ArgoCdRegistrationSpec;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.EnvironmentLabels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgoCdObjectsTest {

  private static final ArgoCdSettings SETTINGS =
      new ArgoCdSettings("gitops", null, List.of("https://git.example.com/payments/*"), Map.of());
  private static final ArgoCdRegistrationSpec SPEC =
      new ArgoCdRegistrationSpec(
          ClusterRef.shared("eu-1"),
          "env-payments-review",
          new EnvironmentLabels(
              "payments-review",
              "payments",
              "environment/payments/review",
              Instant.parse("2026-01-01T00:00:00Z")));

  private final ArgoCdObjects objects = new ArgoCdObjects(SETTINGS);

  @Test
  void givenAnEnvironment_whenItsProjectIsBuilt_itShouldAllowExactlyItsNamespace() {
    GenericKubernetesResource project = objects.appProject(SPEC, "https://eu-1.example.com");

    assertThat(project.getApiVersion()).isEqualTo("argoproj.io/v1alpha1");
    assertThat(project.getKind()).isEqualTo("AppProject");
    assertThat(project.getMetadata().getName()).isEqualTo("env-payments-review");
    assertThat(project.getMetadata().getNamespace()).isEqualTo("gitops");
    assertThat(project.getMetadata().getLabels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "app.kubernetes.io/managed-by", "envforge",
                "envforge.dev/environment", "payments-review",
                "envforge.dev/team", "payments"));
    assertThat(project.getMetadata().getAnnotations())
        .isEqualTo(
            Map.of(
                "envforge.dev/workflow-id", "environment/payments/review",
                "envforge.dev/namespace", "env-payments-review"));
    assertThat(project.getAdditionalProperties().get("spec"))
        .isEqualTo(
            Map.of(
                "description",
                "envforge environment payments-review of team payments",
                "sourceRepos",
                List.of("https://git.example.com/payments/*"),
                "destinations",
                List.of(
                    Map.of(
                        "server",
                        "https://eu-1.example.com",
                        "namespace",
                        "env-payments-review"))));
  }

  @Test
  void givenADedicatedCluster_whenItsSecretIsBuilt_itShouldScopeItToTheProjectAndNamespace() {
    Secret secret =
        objects.clusterSecret(
            SPEC, new ArgoCdCluster("https://10.9.8.7", "{\"bearerToken\":\"t\"}"));

    assertThat(secret.getMetadata().getName()).isEqualTo("env-payments-review-cluster");
    assertThat(secret.getMetadata().getNamespace()).isEqualTo("gitops");
    assertThat(secret.getMetadata().getLabels())
        .containsEntry("argocd.argoproj.io/secret-type", "cluster")
        .containsEntry("app.kubernetes.io/managed-by", "envforge")
        .containsEntry("envforge.dev/environment", "payments-review")
        .containsEntry("envforge.dev/team", "payments")
        .hasSize(4);
    Map<String, String> decoded = new LinkedHashMap<>();
    secret
        .getData()
        .forEach(
            (key, value) ->
                decoded.put(
                    key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
    assertThat(decoded)
        .isEqualTo(
            Map.of(
                "name", "env-payments-review",
                "server", "https://10.9.8.7",
                "config", "{\"bearerToken\":\"t\"}",
                "project", "env-payments-review",
                "namespaces", "env-payments-review",
                "clusterResources", "false"));
  }

  @Test
  void givenAKeptEnvironment_whenBuilt_itShouldCarryTheKeepLabelLikeItsNamespace() {
    ArgoCdRegistrationSpec kept =
        new ArgoCdRegistrationSpec(
            SPEC.cluster(),
            SPEC.namespace(),
            new EnvironmentLabels("payments-review", "payments", "w", null, true));

    assertThat(objects.appProject(kept, "https://x").getMetadata().getLabels())
        .containsEntry("envforge.dev/keep", "true");
  }

  @Test
  void givenNoSourceRepository_whenConfigured_itShouldRefuseNamingTheSetting() {
    assertThatThrownBy(
            () -> new ArgoCdSettings(null, null, List.of(" "), null).requireSourceRepos())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("envforge.argocd.source-repos");
  }

  @Test
  void givenAPlainHttpServer_whenConfigured_itShouldRefuseNamingTheCluster() {
    assertThatThrownBy(
            () -> new ArgoCdSettings(null, null, List.of("*"), Map.of("eu-1", "http://x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("envforge.argocd.cluster-servers.eu-1");
  }

  @Test
  void givenDefaults_whenConfigured_itShouldUseArgoCdsOwnNamespace() {
    assertThat(new ArgoCdSettings(null, "", List.of("*"), null))
        .isEqualTo(new ArgoCdSettings("argocd", null, List.of("*"), Map.of()));
  }
}
