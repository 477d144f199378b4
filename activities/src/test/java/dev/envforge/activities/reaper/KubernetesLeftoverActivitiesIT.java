package dev.envforge.activities.reaper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.activities.kubernetes.LocalClusterClients;
import dev.envforge.activities.kubernetes.RegistryClusterClients;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.quota.RunningEnvironments;
import dev.envforge.workflows.reaper.ActionOutcome;
import dev.envforge.workflows.reaper.EnvironmentClass;
import dev.envforge.workflows.reaper.FoundLeftover;
import dev.envforge.workflows.reaper.LeftoverDeclaration;
import dev.envforge.workflows.reaper.LeftoverPage;
import dev.envforge.workflows.reaper.LeftoverRemoval;
import dev.envforge.workflows.reaper.LeftoverSurvey;
import dev.envforge.workflows.reaper.RemovalRequest;
import dev.envforge.workflows.request.EnvironmentNaming;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A kind declared in the management cluster, found by labels and removed, against the real API
 * server. ConfigMaps in a tools namespace with a selector label of their own stand for what a later
 * step registers there (as Argo CD's cluster Secrets in Argo CD's namespace): the declaration is
 * all the reaper needs.
 */
@ExtendWith(LocalPlatformExtension.class)
class KubernetesLeftoverActivitiesIT {

  private final String run = UUID.randomUUID().toString().substring(0, 6);
  private final String team = "lr" + run;
  private final String prefix = "lr" + run + "-";
  private final String tools = "lr" + run + "-tools";
  private final String ownNamespace = prefix + team + "-own";
  private final LeftoverDeclaration registration =
      LeftoverDeclaration.inManagementCluster(
          "test-registration", "v1", "ConfigMap", Map.of("envforge.dev/test-run", run));

  private RegistryClusterClients clients;
  private KubernetesClient kubernetes;
  private KubernetesLeftoverActivities activities;

  @BeforeEach
  void connect(LocalPlatform platform) {
    clients = LocalClusterClients.of(platform);
    kubernetes = clients.management();
    String running = EnvironmentNaming.workflowId(team, "live");
    activities = new KubernetesLeftoverActivities(clients, new RunsWith(running), Map.of());
    for (String namespace : List.of(tools, ownNamespace)) {
      kubernetes
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .create();
    }
  }

  @AfterEach
  void cleanUp() {
    kubernetes.namespaces().withName(tools).delete();
    kubernetes.namespaces().withName(ownNamespace).delete();
    activities.close();
    clients.close();
  }

  @Test
  void givenDeclaredObjectsOfEveryClass_whenSurveyedAndRemoved_itShouldRemoveOnlyTheAbandonedOne() {
    seed(tools, "orphan", team, "gone", false, true);
    seed(tools, "live", team, "live", false, true);
    seed(tools, "kept", team, "kept", true, true);
    seed(tools, "other-team", "zz" + run, "gone", false, true);
    seed(tools, "unselected", team, "plain", false, false);
    seed(ownNamespace, "in-own-namespace", team, "own", false, true);

    LeftoverPage page = activities.survey(survey(registration));

    assertThat(page.abandoned())
        .singleElement()
        .satisfies(
            found -> {
              assertThat(found.reportName()).isEqualTo("management/" + tools + "/orphan");
              assertThat(found.verdict()).isEqualTo(EnvironmentClass.ORPHAN);
              assertThat(found.environmentId()).isEqualTo(team + "-gone");
            });
    assertThat(page.unactioned())
        .containsExactlyInAnyOrder(
            new LeftoverPage.ClassifiedLeftover(
                "management/" + tools + "/live", EnvironmentClass.LIVE),
            new LeftoverPage.ClassifiedLeftover(
                "management/" + tools + "/kept", EnvironmentClass.KEPT));

    // Declared in one namespace (as Argo CD's), the search stays there and finds the same.
    LeftoverPage inTools = activities.survey(survey(registration.inNamespace(tools)));
    assertThat(inTools.abandoned()).isEqualTo(page.abandoned());
    assertThat(activities.survey(survey(registration.inNamespace(ownNamespace))).abandoned())
        .isEmpty();

    FoundLeftover orphan = page.abandoned().get(0);
    RemovalRequest removal =
        new RemovalRequest(prefix, List.of("local"), List.of(orphan), List.of(registration));
    assertThat(activities.remove(removal))
        .containsExactly(new LeftoverRemoval(orphan, ActionOutcome.TORN_DOWN, null));
    assertThat(kubernetes.configMaps().inNamespace(tools).withName("orphan").get()).isNull();
    for (String left : List.of("live", "kept", "other-team", "unselected")) {
      assertThat(kubernetes.configMaps().inNamespace(tools).withName(left).get())
          .as(left)
          .isNotNull();
    }

    // Removing again (a retried call, a second sweep) finds it gone and says so.
    assertThat(activities.remove(removal))
        .singleElement()
        .extracting(LeftoverRemoval::outcome)
        .isEqualTo(ActionOutcome.SKIPPED);
  }

  @Test
  void givenAKindTheClusterDoesNotServe_whenSurveyed_itShouldFindNothingRatherThanFail() {
    LeftoverDeclaration notInstalled =
        LeftoverDeclaration.inManagementCluster(
            "not-installed", "nothing-" + run + ".envforge.dev/v1", "Nothing", Map.of());

    assertThat(activities.survey(survey(notInstalled)))
        .isEqualTo(new LeftoverPage(List.of(), List.of()));
  }

  private LeftoverSurvey survey(LeftoverDeclaration declaration) {
    return new LeftoverSurvey(
        declaration, null, prefix, List.of(team), List.of("local"), Instant.now(), Duration.ZERO);
  }

  private void seed(
      String namespace,
      String name,
      String team,
      String environment,
      boolean keep,
      boolean selected) {
    Map<String, String> labels = new HashMap<>();
    labels.put(EnvironmentLabels.MANAGED_BY, EnvironmentLabels.MANAGED_BY_VALUE);
    labels.put(EnvironmentLabels.ENVIRONMENT, EnvironmentNaming.environmentId(team, environment));
    labels.put(EnvironmentLabels.TEAM, team);
    if (keep) {
      labels.put(EnvironmentLabels.KEEP, EnvironmentLabels.KEEP_VALUE);
    }
    if (selected) {
      labels.put("envforge.dev/test-run", run);
    }
    kubernetes
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(labels)
                .withAnnotations(
                    Map.of(
                        EnvironmentLabels.WORKFLOW_ID,
                        EnvironmentNaming.workflowId(team, environment)))
                .endMetadata()
                .build())
        .create();
  }

  /** Temporal as the reaper sees it: one workflow runs, every other is unknown. */
  private record RunsWith(String running) implements EnvironmentRuns {
    @Override
    public WorkflowState state(String workflowId) {
      return running.equals(workflowId) ? WorkflowState.RUNNING : WorkflowState.UNKNOWN;
    }

    @Override
    public List<ReadyEnvironment> ready(String taskQueue) {
      return List.of();
    }

    @Override
    public RunningEnvironments running(String team, int atMost) {
      throw new UnsupportedOperationException();
    }
  }
}
