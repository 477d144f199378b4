package dev.envforge.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.environment.ExtendRequest;
import dev.envforge.workflows.request.Capability;
import dev.envforge.workflows.request.ClusterChoice;
import dev.envforge.workflows.request.DatabaseChoice;
import dev.envforge.workflows.request.DatabaseDriver;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.Profile;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.Watcher;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Environments made, used, changed and removed for real: the starter's API, the packaged worker,
 * the Temporal dev server, the API server and Postgres, with nothing standing in for anything.
 */
class EndToEndIT extends RealPlatformTestBase {

  private static final String NAME = "web";

  @Test
  void givenADatabaseRequest_whenFollowedExtendedAndDeleted_itShouldWorkAndLeaveNothing()
      throws Exception {
    String team = newTeam("life");
    String runId =
        start(request(team, Profile.SMALL, DatabaseChoice.postgres(DatabaseDriver.DIRECT)));

    followUntil(team, NAME, "READY");

    JsonNode ready = api.body(api.get(team, NAME));
    assertThat(ready.get("runId").asString()).isEqualTo(runId);
    String namespace = ready.get("namespace").asString();
    assertThat(namespace).isEqualTo(namespaceOf(team, NAME));
    Namespace made = cluster.namespace(namespace);
    assertThat(made).as("namespace %s", namespace).isNotNull();
    assertThat(made.getMetadata().getLabels())
        .containsEntry(EnvironmentLabels.MANAGED_BY, EnvironmentLabels.MANAGED_BY_VALUE)
        .containsEntry(EnvironmentLabels.ENVIRONMENT, team + "-" + NAME)
        .containsEntry(EnvironmentLabels.TEAM, team);
    assertThat(cluster.guardrails(namespace))
        .extracting(object -> object.substring(0, object.indexOf('/')))
        // Two RoleBindings to the team's ClusterRole: the team's group, the developers' account.
        .containsExactlyInAnyOrder(
            "ResourceQuota", "LimitRange", "NetworkPolicy", "RoleBinding", "RoleBinding");

    // The Secret is what an application gets: its login must really open the database.
    String secretName = ready.get("secretName").asString();
    String database = ready.get("databaseName").asString();
    DatabaseLogin login = DatabaseLogin.from(cluster.secret(namespace, secretName));
    assertThat(postgres.currentDatabaseAs(login)).isEqualTo(database);
    assertThat(postgres.objectsNamed(database))
        .containsExactly("database:" + database, "role:" + database);

    Instant expiry = Instant.parse(ready.get("expiresAt").asString());
    HttpResponse<String> extended = api.extend(team, NAME, ExtendRequest.by("PT1H"));
    assertThat(extended.statusCode()).as(extended.body()).isEqualTo(200);
    Instant extendedExpiry = Instant.parse(api.body(extended).get("expiresAt").asString());
    assertThat(extendedExpiry).isEqualTo(expiry.plus(Duration.ofHours(1)));
    // The reaper goes by the namespace's annotation, so the new expiry must reach the cluster.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> expiryAnnotation(namespace), extendedExpiry.toString()::equals);

    destroyAndAwaitClosed(team, NAME, runId);

    assertThat(phase(api.body(api.get(team, NAME)))).isEqualTo("DESTROYED");
    assertThat(cluster.namespace(namespace)).as("namespace %s", namespace).isNull();
    assertThat(cluster.secret(namespace, secretName)).isNull();
    assertThat(postgres.objectsNamed(database)).isEmpty();
    assertThat(postgres.objectsNamed(login.username())).isEmpty();
  }

  @Test
  void givenCapabilities_whenReady_theAnswerShouldListTheComponentsTheClusterHoldsUntilDeleted()
      throws Exception {
    String team = newTeam("dapr");
    String runId =
        start(
            new EnvironmentRequest(
                team,
                NAME,
                ClusterChoice.shared("local"),
                Profile.SMALL,
                DatabaseChoice.postgres(DatabaseDriver.DIRECT),
                "PT2H",
                false,
                List.of(Capability.SECRETSTORE, Capability.STATESTORE)));

    followUntil(team, NAME, "READY");

    JsonNode ready = api.body(api.get(team, NAME));
    assertThat(ready.get("components"))
        .extracting(c -> c.get("name").asString() + "=" + c.get("type").asString())
        .containsExactly("statestore=state.postgresql", "secretstore=secretstores.kubernetes");
    assertThat(stepStatus(ready, "CAPABILITIES")).isEqualTo("DONE");
    String namespace = ready.get("namespace").asString();
    var live = cluster.daprComponents(namespace);
    assertThat(live).containsOnlyKeys("statestore", "secretstore");
    assertThat(live.get("statestore").getMetadata().getLabels())
        .containsEntry(EnvironmentLabels.ENVIRONMENT, team + "-" + NAME);
    // The state store names the Secret's key; the password itself stays in the Secret.
    String component =
        tools.jackson.databind.json.JsonMapper.builder()
            .build()
            .writeValueAsString(live.get("statestore").getAdditionalProperties());
    DatabaseLogin login =
        DatabaseLogin.from(cluster.secret(namespace, ready.get("secretName").asString()));
    assertThat(component).contains("\"secretKeyRef\"");
    // Asserted as a boolean so that a failure never prints the password.
    assertThat(component.contains(login.password()))
        .as("the component holds the password")
        .isFalse();

    destroyAndAwaitClosed(team, NAME, runId);

    assertThat(stepStatus(api.body(api.get(team, NAME)), "CAPABILITIES")).isEqualTo("COMPENSATED");
    assertThat(cluster.namespace(namespace)).isNull();
  }

  private static String stepStatus(JsonNode environment, String step) {
    for (JsonNode state : environment.get("steps")) {
      if (step.equals(state.get("step").asString())) {
        return state.get("status").asString();
      }
    }
    throw new AssertionError("no step " + step + " in " + environment);
  }

  @Test
  void givenTheSameRequestTwice_whenSentWhileRunning_itShouldAnswer200WithTheSameRun()
      throws Exception {
    String team = newTeam("twice");
    EnvironmentRequest request = request(team, Profile.SMALL, DatabaseChoice.none());

    String runId = start(request);
    HttpResponse<String> again = api.request(request);

    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(api.body(again).get("runId").asString()).isEqualTo(runId);
    followUntil(team, NAME, "READY");
    HttpResponse<String> onceMore = api.request(request);
    assertThat(onceMore.statusCode()).as(onceMore.body()).isEqualTo(200);
    assertThat(api.body(onceMore).get("runId").asString()).isEqualTo(runId);
    assertThat(cluster.namespacesOf(team + "-" + NAME)).containsExactly(namespaceOf(team, NAME));
    assertThat(runs.runsOf(EnvironmentNaming.workflowId(team, NAME)))
        .extracting(run -> run.getExecution().getRunId())
        .containsExactly(runId);

    destroyAndAwaitClosed(team, NAME, runId);
  }

  @Test
  void givenALiveEnvironment_whenAnotherProfileIsRequested_itShouldAnswer409NamingIt()
      throws Exception {
    String team = newTeam("clash");
    String runId = start(request(team, Profile.SMALL, DatabaseChoice.none()));

    HttpResponse<String> conflicting =
        api.request(request(team, Profile.LARGE, DatabaseChoice.none()));

    assertThat(conflicting.statusCode()).as(conflicting.body()).isEqualTo(409);
    assertThat(conflicting.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode differences = api.body(conflicting).get("differences");
    assertThat(differences.size()).as(conflicting.body()).isEqualTo(1);
    assertThat(differences.get(0).get("field").asString()).isEqualTo("profile");
    followUntil(team, NAME, "READY");
    JsonNode live = api.body(api.get(team, NAME));
    assertThat(live.get("runId").asString()).isEqualTo(runId);
    assertThat(live.get("request").get("profile").asString()).isEqualTo("small");

    destroyAndAwaitClosed(team, NAME, runId);
  }

  @Test
  void givenADatabaseNameTakenByAnother_whenRequested_itShouldFailAndUndoTheNamespace()
      throws Exception {
    String team = newTeam("taken");
    String namespace = namespaceOf(team, NAME);
    String database = EnvironmentNaming.postgresName(namespace);
    String foreignOwner = database + "_other";
    // "envforge:environment=<id>" is how the direct driver marks its databases: this one belongs
    // to another environment, so the DATABASE step must refuse it for good, after NAMESPACE.
    String foreignMark = "envforge:environment=someone-else";
    postgres.createForeignDatabase(database, foreignOwner, foreignMark);

    List<JsonNode> events;
    String runId;
    try (NamespaceWatch watch = cluster.watchNamespace(namespace)) {
      runId = start(request(team, Profile.SMALL, DatabaseChoice.postgres(DatabaseDriver.DIRECT)));
      events = followUntil(team, NAME, "FAILED");
      assertThat(runs.awaitClosed(EnvironmentNaming.workflowId(team, NAME), runId, PATIENCE))
          .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED);
      // Seen by the API server itself: the namespace was made, labelled as this environment's,
      // and deleted again by the compensation.
      assertThat(watch.changes())
          .filteredOn(change -> change.action() == Watcher.Action.ADDED)
          .singleElement()
          .satisfies(
              added ->
                  assertThat(added.labels())
                      .containsEntry(EnvironmentLabels.ENVIRONMENT, team + "-" + NAME));
      // Watch events arrive a moment after the API server acts.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> watch.actions().contains(Watcher.Action.DELETED));
      assertThat(watch.actions()).last().isEqualTo(Watcher.Action.DELETED);
    }

    JsonNode failed = events.get(events.size() - 1);
    assertThat(failed.get("reason").asString()).contains("DATABASE_CONFLICT").contains(database);
    // Every step that began is undone, the failed one too: its undo tolerates a half-made step.
    JsonNode compensated = api.body(api.get(team, NAME));
    assertThat(stepStatuses(compensated))
        .containsExactly(
            "CLUSTER:COMPENSATED",
            "NAMESPACE:COMPENSATED",
            "GUARDRAILS:COMPENSATED",
            "DATABASE:COMPENSATED",
            "CAPABILITIES:SKIPPED",
            "ARGOCD:SKIPPED");
    assertThat(step(compensated, "DATABASE").get("lastError").asString())
        .contains("DATABASE_CONFLICT");
    assertThat(cluster.namespace(namespace)).as("namespace %s", namespace).isNull();
    assertThat(postgres.objectsNamed(database))
        .as("the other environment's database stays, no role was made for this one")
        .containsExactly("database:" + database);
    assertThat(postgres.database(database))
        .hasValue(new PostgresProbe.DatabaseEntry(database, foreignOwner, foreignMark));
  }

  private static EnvironmentRequest request(String team, Profile profile, DatabaseChoice database) {
    return new EnvironmentRequest(
        team, NAME, ClusterChoice.shared("local"), profile, database, "PT2H");
  }

  private String expiryAnnotation(String namespace) {
    Namespace current = cluster.namespace(namespace);
    return current == null || current.getMetadata().getAnnotations() == null
        ? null
        : current.getMetadata().getAnnotations().get(EnvironmentLabels.EXPIRES_AT);
  }

  private static JsonNode step(JsonNode environment, String name) {
    return environment
        .get("steps")
        .valueStream()
        .filter(step -> name.equals(step.get("step").asString()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step " + name + " in " + environment));
  }

  private static List<String> stepStatuses(JsonNode environment) {
    return environment
        .get("steps")
        .valueStream()
        .map(step -> step.get("step").asString() + ":" + step.get("status").asString())
        .toList();
  }
}
