package dev.envforge.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.testing.WorkerJvm;
import dev.envforge.workflows.environment.EnvironmentStatus;
import dev.envforge.workflows.environment.EnvironmentWorkflow;
import dev.envforge.workflows.environment.Phase;
import dev.envforge.workflows.environment.Step;
import dev.envforge.workflows.environment.StepState;
import dev.envforge.workflows.environment.StepStatus;
import dev.envforge.workflows.request.ClusterChoice;
import dev.envforge.workflows.request.DatabaseChoice;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.Profile;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ARGOCD step end to end: the packaged worker, with Argo CD registration turned on, on the real
 * Temporal dev server and the local API server holding Argo CD's CRDs. A READY environment has its
 * AppProject, teardown removes it, and a registration that fails for good compensates every step.
 */
@ExtendWith(LocalPlatformExtension.class)
class ArgoCdRegistrationWorkerIT {

  private static final String PREFIX = "argo-";
  private static final String TEAM = "argo";
  private static final String REPO = "https://git.example.com/argo/*";
  private static final ResourceDefinitionContext APP_PROJECTS =
      new ResourceDefinitionContext.Builder()
          .withGroup("argoproj.io")
          .withVersion("v1alpha1")
          .withKind("AppProject")
          .withPlural("appprojects")
          .withNamespaced(true)
          .build();

  private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
  private static final String ARGOCD_NAMESPACE = "argocd-w-" + SUFFIX;
  private static final String TASK_QUEUE = "argocd-" + UUID.randomUUID();

  private static WorkflowServiceStubs service;
  private static WorkflowClient client;
  private static PlatformProbe probe;
  private static WorkerJvm worker;

  @BeforeAll
  static void startWorker() {
    LocalPlatform platform = LocalPlatformExtension.platform();
    service = platform.newTemporalService();
    client = platform.workflowClient(service);
    probe = new PlatformProbe(platform);
    probe
        .kubernetes
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(ARGOCD_NAMESPACE)
                .endMetadata()
                .build())
        .create();
    worker =
        WorkerJvm.start(
            platform,
            TASK_QUEUE,
            PREFIX,
            Path.of("target", "argocd-worker.log").toAbsolutePath(),
            Map.of(
                "ENVFORGE_ARGOCD_ENABLED", "true",
                "ENVFORGE_ARGOCD_NAMESPACE", ARGOCD_NAMESPACE,
                "ENVFORGE_ARGOCD_SOURCE_REPOS", REPO));
  }

  @AfterAll
  static void stopWorker() {
    if (worker != null) {
      worker.close();
    }
    probe.kubernetes.namespaces().withName(ARGOCD_NAMESPACE).delete();
    probe.close();
    service.shutdownNow();
  }

  @Test
  void givenRegistrationOn_whenReadyThenDestroyed_itShouldDeclareTheProjectThenRemoveIt()
      throws Exception {
    String name = "r" + UUID.randomUUID().toString().substring(0, 6);
    String namespace = PREFIX + TEAM + "-" + name;
    EnvironmentWorkflow workflow = start(name);

    EnvironmentStatus ready = awaitPhase(workflow, Phase.READY);

    assertThat(step(ready, Step.ARGOCD).status()).isEqualTo(StepStatus.DONE);
    GenericKubernetesResource project = project("env-" + TEAM + "-" + name);
    assertThat(project).isNotNull();
    assertThat(project.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "envforge")
        .containsEntry("envforge.dev/environment", TEAM + "-" + name)
        .containsEntry("envforge.dev/team", TEAM);
    assertThat(project.getAdditionalProperties().get("spec"))
        .isEqualTo(
            Map.of(
                "description",
                "envforge environment " + TEAM + "-" + name + " of team " + TEAM,
                "sourceRepos",
                List.of(REPO),
                "destinations",
                List.of(
                    Map.of(
                        "server",
                        probe.kubernetes.getMasterUrl().toString().replaceAll("/$", ""),
                        "namespace",
                        namespace))));

    workflow.destroy("argo test finished");
    EnvironmentStatus destroyed =
        WorkflowStub.fromTyped(workflow).getResult(90, TimeUnit.SECONDS, EnvironmentStatus.class);

    assertThat(destroyed.phase()).isEqualTo(Phase.DESTROYED);
    assertThat(step(destroyed, Step.ARGOCD).status()).isEqualTo(StepStatus.COMPENSATED);
    assertThat(project("env-" + TEAM + "-" + name)).isNull();
    assertThat(probe.kubernetes.namespaces().withName(namespace).get()).isNull();
    exportHistory(EnvironmentNaming.workflowId(TEAM, name));
  }

  @Test
  void givenAProjectOfTheSameNameOwnedByOthers_whenProvisioned_itShouldCompensateEveryStep() {
    String name = "c" + UUID.randomUUID().toString().substring(0, 6);
    String namespace = PREFIX + TEAM + "-" + name;
    String projectName = "env-" + TEAM + "-" + name;
    probe
        .kubernetes
        .genericKubernetesResources(APP_PROJECTS)
        .inNamespace(ARGOCD_NAMESPACE)
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion("argoproj.io/v1alpha1")
                .withKind("AppProject")
                .withNewMetadata()
                .withName(projectName)
                .withNamespace(ARGOCD_NAMESPACE)
                .endMetadata()
                .withAdditionalProperties(
                    Map.of("spec", Map.of("sourceRepos", List.of("https://theirs.example.com"))))
                .build())
        .create();
    EnvironmentWorkflow workflow = start(name);

    assertThatThrownBy(
            () ->
                WorkflowStub.fromTyped(workflow)
                    .getResult(90, TimeUnit.SECONDS, EnvironmentStatus.class))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertThat(failure.getType()).isEqualTo("ARGOCD_CONFLICT"));

    EnvironmentStatus failed = workflow.status();
    assertThat(failed.phase()).isEqualTo(Phase.FAILED);
    assertThat(failed.reason()).contains("ARGOCD").contains("someone other than envforge");
    assertThat(failed.steps())
        .filteredOn(s -> s.status() != StepStatus.SKIPPED && s.step() != Step.CLUSTER)
        .extracting(StepState::step, StepState::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Step.NAMESPACE, StepStatus.COMPENSATED),
            org.assertj.core.groups.Tuple.tuple(Step.GUARDRAILS, StepStatus.COMPENSATED),
            org.assertj.core.groups.Tuple.tuple(Step.ARGOCD, StepStatus.COMPENSATED));
    assertThat(probe.kubernetes.namespaces().withName(namespace).get()).isNull();
    assertThat(project(projectName).getAdditionalProperties().get("spec"))
        .as("the other project is left as it was")
        .isEqualTo(Map.of("sourceRepos", List.of("https://theirs.example.com")));
  }

  private static EnvironmentWorkflow start(String name) {
    EnvironmentWorkflow workflow =
        client.newWorkflowStub(
            EnvironmentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(EnvironmentNaming.workflowId(TEAM, name))
                .setTaskQueue(TASK_QUEUE)
                .build());
    WorkflowClient.start(
        workflow::run,
        new EnvironmentRequest(
            TEAM,
            name,
            ClusterChoice.sharedDefault(),
            Profile.SMALL,
            DatabaseChoice.none(),
            "PT1H"));
    return workflow;
  }

  private static GenericKubernetesResource project(String name) {
    return probe
        .kubernetes
        .genericKubernetesResources(APP_PROJECTS)
        .inNamespace(ARGOCD_NAMESPACE)
        .withName(name)
        .get();
  }

  private static EnvironmentStatus awaitPhase(EnvironmentWorkflow workflow, Phase phase) {
    return await("phase " + phase)
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptionsInstanceOf(RuntimeException.class)
        .until(workflow::status, status -> status.phase() == phase);
  }

  /** Kept in target/ so that a run's history can become a replay test's recorded history. */
  private static void exportHistory(String workflowId) throws IOException {
    Files.writeString(
        Path.of("target", "argocd-registered-destroy-history.json"),
        client.fetchHistory(workflowId).toJson(true));
  }

  private static StepState step(EnvironmentStatus status, Step step) {
    return status.steps().stream().filter(s -> s.step() == step).findFirst().orElseThrow();
  }
}
