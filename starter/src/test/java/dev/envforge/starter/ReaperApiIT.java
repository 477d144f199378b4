package dev.envforge.starter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.starter.security.TestTokens;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.reaper.AbandonedNamespace;
import dev.envforge.workflows.reaper.DriftRequest;
import dev.envforge.workflows.reaper.DriftedEnvironment;
import dev.envforge.workflows.reaper.EnvironmentClass;
import dev.envforge.workflows.reaper.FoundLeftover;
import dev.envforge.workflows.reaper.LeftoverActivities;
import dev.envforge.workflows.reaper.LeftoverPage;
import dev.envforge.workflows.reaper.LeftoverRemoval;
import dev.envforge.workflows.reaper.LeftoverSurvey;
import dev.envforge.workflows.reaper.ReaperActivities;
import dev.envforge.workflows.reaper.ReaperSettings;
import dev.envforge.workflows.reaper.ReaperSettingsActivities;
import dev.envforge.workflows.reaper.ReaperWorkflowImpl;
import dev.envforge.workflows.reaper.RemovalRequest;
import dev.envforge.workflows.reaper.SurveyPage;
import dev.envforge.workflows.reaper.SurveyRequest;
import dev.envforge.workflows.reaper.SweepReport;
import dev.envforge.workflows.reaper.TeardownWorkflowImpl;
import io.temporal.worker.Worker;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The reaper API over real HTTP against the dev server: the real sweep workflow on a worker of this
 * test's own task queue, with canned survey results behind it.
 */
@TestPropertySource(
    properties = {
      "envforge.security.tokens[1].name=payments-ci",
      "envforge.security.tokens[1].sha256=" + TestTokens.PAYMENTS_SHA256,
      "envforge.security.tokens[1].teams=payments"
    })
class ReaperApiIT extends DevServerApiTestBase {

  @Override
  void register(Worker worker) {
    worker.registerWorkflowImplementationTypes(
        ReaperWorkflowImpl.class, TeardownWorkflowImpl.class);
    ReaperSettingsActivities settings =
        () -> new ReaperSettings("env-", taskQueue, true, Duration.ofHours(1), List.of("local"));
    worker.registerActivitiesImplementations(settings, new CannedSurvey(), new CannedLeftovers());
  }

  @Test
  void givenNoSweepYet_whenOneIsStartedThroughTheApi_itShouldServeItsReport() throws Exception {
    HttpResponse<String> none = send(HttpRequest.newBuilder(uri("/api/v1/reaper/last")).GET());
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(read(none).get("type").asString()).isEqualTo("urn:envforge:problem:no-sweep-yet");

    HttpResponse<String> started =
        send(
            HttpRequest.newBuilder(uri("/api/v1/reaper/sweeps?dryRun=true"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(started.statusCode()).isEqualTo(202);
    String workflowId = read(started).get("workflowId").asString();
    assertThat(workflowId).startsWith("envforge-reaper/manual-");
    client.newUntypedWorkflowStub(workflowId).getResult(30, TimeUnit.SECONDS, SweepReport.class);

    HttpResponse<String> last = send(HttpRequest.newBuilder(uri("/api/v1/reaper/last")).GET());
    assertThat(last.statusCode()).isEqualTo(200);
    JsonNode body = read(last);
    assertThat(body.get("workflowId").asString()).isEqualTo(workflowId);
    assertThat(body.get("report").get("dryRun").asBoolean()).isTrue();
    assertThat(body.get("report").get("counts").get("EXPIRED").asInt()).isEqualTo(1);
    assertThat(body.get("report").get("namespaces").get("LIVE").get(0).asString())
        .isEqualTo("local/env-a-live");
    assertThat(body.get("report").get("outcomes").get("REPORTED").asInt()).isEqualTo(2);
    // By kind: namespaces, and the dedicated clusters' composites in the management cluster.
    JsonNode kinds = body.get("report").get("kinds");
    assertThat(kinds.get("namespace").get("counts").get("EXPIRED").asInt()).isEqualTo(1);
    assertThat(kinds.get("xenvcluster").get("placement").asString())
        .isEqualTo("MANAGEMENT_CLUSTER");
    assertThat(kinds.get("xenvcluster").get("names").get("ORPHAN").get(0).asString())
        .isEqualTo("management/envforge-c-gone");
  }

  @Test
  void givenATeamsToken_whenItStartsOrReadsSweeps_itShouldBeForbidden() throws Exception {
    HttpResponse<String> started =
        sendAs(
            TestTokens.PAYMENTS,
            HttpRequest.newBuilder(uri("/api/v1/reaper/sweeps?dryRun=true"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(started.statusCode()).isEqualTo(403);
    assertThat(
            sendAs(TestTokens.PAYMENTS, HttpRequest.newBuilder(uri("/api/v1/reaper/last")).GET())
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void givenAnUnreadableDryRun_whenPosted_itShouldAnswer400() throws Exception {
    HttpResponse<String> refused =
        send(
            HttpRequest.newBuilder(uri("/api/v1/reaper/sweeps?dryRun=perhaps"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(refused.statusCode()).isEqualTo(400);
  }

  /** Sends as the admin: the reaper's paths are admin-only. */
  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return sendAs(TestTokens.ADMIN, request);
  }

  private HttpResponse<String> sendAs(String token, HttpRequest.Builder request) throws Exception {
    return http.send(
        request.header("Authorization", TestTokens.bearer(token)).timeout(PATIENCE).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** No dedicated cluster, and one orphaned composite in the management cluster. */
  static final class CannedLeftovers implements LeftoverActivities {
    @Override
    public List<ClusterRef> dedicatedClusters(List<String> teams) {
      return List.of();
    }

    @Override
    public LeftoverPage survey(LeftoverSurvey survey) {
      return new LeftoverPage(
          List.of(),
          List.of(
              new FoundLeftover(
                  survey.declaration().kind(),
                  "management",
                  null,
                  "envforge-c-gone",
                  "uid-2",
                  "c-gone",
                  "c",
                  "environment/c/gone",
                  null,
                  EnvironmentClass.ORPHAN)));
    }

    @Override
    public List<LeftoverRemoval> remove(RemovalRequest request) {
      throw new AssertionError("a dry run removes nothing");
    }
  }

  /** One live and one expired namespace; nothing drifted. Only reads, as the real one. */
  static final class CannedSurvey implements ReaperActivities {
    @Override
    public SurveyPage surveyNamespaces(SurveyRequest request) {
      return new SurveyPage(
          List.of(new SurveyPage.ClassifiedNamespace("env-a-live", EnvironmentClass.LIVE)),
          List.of(
              new AbandonedNamespace(
                  request.cluster(),
                  "env-b-old",
                  "uid-1",
                  "b-old",
                  "b",
                  "environment/b/old",
                  Instant.parse("2020-01-01T00:00:00Z"),
                  EnvironmentClass.EXPIRED)),
          null);
    }

    @Override
    public List<DriftedEnvironment> findDrifted(DriftRequest request) {
      return List.of();
    }

    @Override
    public boolean stillAbandoned(AbandonedNamespace namespace) {
      throw new AssertionError("a dry run acts on nothing");
    }
  }
}
