package dev.envforge.starter.api;

import static dev.envforge.starter.api.EnvironmentFixtures.REQUEST_JSON;
import static dev.envforge.starter.api.EnvironmentFixtures.inPhase;
import static dev.envforge.starter.api.EnvironmentFixtures.ready;
import static dev.envforge.starter.api.EnvironmentFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.envforge.starter.quota.TeamQuota;
import dev.envforge.starter.security.TestTokens;
import dev.envforge.starter.temporal.EnvironmentRuns;
import dev.envforge.starter.temporal.EnvironmentRuns.RunDescription;
import dev.envforge.starter.temporal.EnvironmentRuns.StartResult;
import dev.envforge.starter.temporal.EnvironmentVisibility;
import dev.envforge.starter.temporal.EnvironmentVisibility.VisibilityPage;
import dev.envforge.starter.temporal.ListedEnvironment;
import dev.envforge.starter.temporal.TemporalServer;
import dev.envforge.starter.temporal.TemporalUnavailableException;
import dev.envforge.starter.temporal.UpdateRefusedException;
import dev.envforge.workflows.access.AccessGrant;
import dev.envforge.workflows.environment.EnvironmentStatus;
import dev.envforge.workflows.environment.ExpiryWarning;
import dev.envforge.workflows.environment.ExtendRequest;
import dev.envforge.workflows.environment.NotificationState;
import dev.envforge.workflows.environment.Phase;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.Profile;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;

/** The HTTP contract over a mocked Temporal: status codes, bodies and problem details. */
@EnvironmentApiSliceTest
@TestPropertySource(
    properties = {
      "envforge.events.poll-interval=PT0.02S",
      "envforge.ttl.profiles.large.max=P1D",
      "envforge.ttl.teams.platform.keep-allowed=true",
      "envforge.security.tokens[0].name=test-admin",
      "envforge.security.tokens[0].sha256=" + TestTokens.ADMIN_SHA256,
      "envforge.security.tokens[0].admin=true",
      // Rate limits have their own test; here they would only get in the way.
      "envforge.security.rate-limit.capacity=100000"
    })
@Import(AdminCaller.class)
class EnvironmentControllerTest {

  static final String WORKFLOW_ID = "environment/payments/checkout";
  static final String RUN_ID = "run-1";
  static final String PROBLEM_JSON = "application/problem+json";

  @Autowired MockMvc mvc;
  @Autowired EnvironmentRuns runs;
  @Autowired EnvironmentVisibility visibility;
  @Autowired TemporalServer server;
  @Autowired TeamQuota quota;

  @BeforeEach
  void temporalNamespace() {
    when(server.namespace()).thenReturn("default");
  }

  // --- POST: validation and body problems -------------------------------------------------

  @Test
  void givenAnUnknownField_whenRequested_itShouldAnswer400NamingTheField() throws Exception {
    mvc.perform(json(post("/api/v1/environments"), "{\"team\":\"a\",\"name\":\"b\",\"colour\":1}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[0].field").value("colour"))
        .andExpect(jsonPath("$.detail").value("colour: is not a known field"));
    verify(runs, never()).start(any(), any());
  }

  @Test
  void givenAnUnknownNestedField_whenRequested_itShouldNameItsPath() throws Exception {
    mvc.perform(
            json(
                post("/api/v1/environments"),
                "{\"team\":\"a\",\"name\":\"b\",\"cluster\":{\"mode\":\"shared\",\"zone\":\"x\"}}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("cluster.zone"));
  }

  @Test
  void givenMalformedJson_whenRequested_itShouldAnswer400SayingWhere() throws Exception {
    mvc.perform(json(post("/api/v1/environments"), "{\"team\":\"a\","))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Malformed JSON"))
        .andExpect(jsonPath("$.errors[0].field").value("body"));
  }

  @Test
  void givenANumberForTheTeam_whenRequested_itShouldAnswer400RatherThanCoerceIt() throws Exception {
    mvc.perform(json(post("/api/v1/environments"), "{\"team\":5,\"name\":\"b\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("team"))
        .andExpect(jsonPath("$.errors[0].message").value("must be a string"));
  }

  @Test
  void givenAnUnknownProfile_whenRequested_itShouldListTheAcceptedValues() throws Exception {
    mvc.perform(
            json(
                post("/api/v1/environments"),
                "{\"team\":\"a\",\"name\":\"b\",\"profile\":\"huge\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("profile"))
        .andExpect(jsonPath("$.errors[0].message").value("must be one of: small, medium, large"));
  }

  @Test
  void givenABodyOverTheLimit_whenRequested_itShouldAnswer400NamingTheLimit() throws Exception {
    String huge = "{\"team\":\"" + "a".repeat(17 * 1024) + "\",\"name\":\"b\"}";
    mvc.perform(json(post("/api/v1/environments"), huge))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.title").value("Request body too large"))
        .andExpect(jsonPath("$.detail").value("body: must be at most 16384 bytes"));
    verify(runs, never()).start(any(), any());
  }

  @Test
  void givenABadTeam_whenRequested_itShouldAnswer400NamingTeamAndStartNothing() throws Exception {
    mvc.perform(json(post("/api/v1/environments"), "{\"team\":\"Pay_ments\",\"name\":\"b\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
        .andExpect(jsonPath("$.errors", hasSize(1)))
        .andExpect(jsonPath("$.errors[0].field").value("team"));
    verify(runs, never()).start(any(), any());
  }

  @Test
  void givenABadTtl_whenRequested_itShouldAnswer400NamingTtl() throws Exception {
    mvc.perform(
            json(
                post("/api/v1/environments"),
                "{\"team\":\"payments\",\"name\":\"b\",\"ttl\":\"8 hours\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("ttl"))
        .andExpect(
            jsonPath("$.errors[0].message")
                .value("must be an ISO-8601 duration such as PT8H or P2D"));
  }

  @Test
  void givenATtlBeyondTheMaximum_whenRequested_itShouldAnswer400NamingTtl() throws Exception {
    mvc.perform(
            json(
                post("/api/v1/environments"),
                "{\"team\":\"payments\",\"name\":\"b\",\"ttl\":\"P30D\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("ttl"))
        .andExpect(jsonPath("$.errors[0].message").value("must be at most PT168H"));
  }

  @Test
  void givenKeepWhereThePolicyForbidsIt_whenRequested_itShouldAnswer400NamingKeep()
      throws Exception {
    mvc.perform(
            json(
                post("/api/v1/environments"),
                "{\"team\":\"payments\",\"name\":\"b\",\"keep\":true}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
        .andExpect(jsonPath("$.errors", hasSize(1)))
        .andExpect(jsonPath("$.errors[0].field").value("keep"))
        .andExpect(
            jsonPath("$.errors[0].message", containsString("not allowed for team 'payments'")));
    verify(runs, never()).start(any(), any());
  }

  @Test
  void givenKeepWhereTheTeamMayKeep_whenRequested_itShouldStartAKeptEnvironment() throws Exception {
    when(runs.start(any(), any())).thenReturn(new StartResult(RUN_ID, true));

    mvc.perform(
            json(
                post("/api/v1/environments"),
                "{\"team\":\"platform\",\"name\":\"b\",\"keep\":true}"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.keep").value(true))
        .andExpect(jsonPath("$.request.keep").value(true));

    ArgumentCaptor<EnvironmentRequest> started = ArgumentCaptor.forClass(EnvironmentRequest.class);
    verify(runs).start(started.capture(), any());
    assertThat(started.getValue().keep()).isTrue();
  }

  @Test
  void givenATtlBeyondTheProfileMaximum_whenRequested_itShouldAnswer400NamingTheProfile()
      throws Exception {
    mvc.perform(
            json(
                post("/api/v1/environments"),
                "{\"team\":\"payments\",\"name\":\"b\",\"profile\":\"large\",\"ttl\":\"P2D\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("ttl"))
        .andExpect(
            jsonPath("$.errors[0].message")
                .value("must be at most PT24H (the maximum for profile 'large')"));
    verify(runs, never()).start(any(), any());
  }

  // --- POST: start, idempotency, conflict --------------------------------------------------

  @Test
  void givenANewRequest_whenRequested_itShouldStartItAndAnswer202WithLocation() throws Exception {
    when(runs.start(any(), any())).thenReturn(new StartResult(RUN_ID, true));

    mvc.perform(json(post("/api/v1/environments"), REQUEST_JSON))
        .andExpect(status().isAccepted())
        .andExpect(header().string("Location", "/api/v1/environments/payments/checkout"))
        .andExpect(jsonPath("$.phase").value("PROVISIONING"))
        .andExpect(jsonPath("$.workflowId").value(WORKFLOW_ID))
        .andExpect(jsonPath("$.runId").value(RUN_ID))
        .andExpect(jsonPath("$.request.database.kind").value("postgres"));

    ArgumentCaptor<EnvironmentRequest> started = ArgumentCaptor.forClass(EnvironmentRequest.class);
    verify(runs).start(started.capture(), any());
    assertThat(started.getValue()).isEqualTo(request());
  }

  @Test
  void givenTheSameRequestLive_whenRequestedAgain_itShouldAnswer200WithTheLiveEnvironment()
      throws Exception {
    when(runs.start(any(), any())).thenReturn(new StartResult(RUN_ID, false));
    when(runs.startInput(WORKFLOW_ID, RUN_ID)).thenReturn(request());
    when(runs.statusIfAnswered(eq(WORKFLOW_ID), eq(RUN_ID), any()))
        .thenReturn(Optional.of(ready(request())));

    mvc.perform(json(post("/api/v1/environments"), REQUEST_JSON))
        .andExpect(status().isOk())
        .andExpect(header().string("Location", "/api/v1/environments/payments/checkout"))
        .andExpect(jsonPath("$.runId").value(RUN_ID))
        .andExpect(jsonPath("$.phase").value("READY"));
  }

  @Test
  void givenTheSameRequestWithDefaultsSpelledOut_whenRequestedAgain_itShouldNotConflict()
      throws Exception {
    when(runs.start(any(), any())).thenReturn(new StartResult(RUN_ID, false));
    when(runs.startInput(WORKFLOW_ID, RUN_ID))
        .thenReturn(new EnvironmentRequest("payments", "checkout", null, null, null, "PT120M"));
    // No worker answers the status query.
    when(runs.statusIfAnswered(eq(WORKFLOW_ID), eq(RUN_ID), any())).thenReturn(Optional.empty());

    mvc.perform(
            json(
                post("/api/v1/environments"),
                "{\"team\":\"payments\",\"name\":\"checkout\",\"cluster\":{\"mode\":\"shared\"},"
                    + "\"profile\":\"small\",\"database\":{\"kind\":\"none\"},\"ttl\":\"PT2H\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.runId").value(RUN_ID))
        .andExpect(jsonPath("$.phase").value("PROVISIONING"));
  }

  @Test
  void givenTheSameRequestLiveAndAnswering_whenRequestedAgain_itShouldNotReadTheRunsHistory()
      throws Exception {
    when(runs.start(any(), any())).thenReturn(new StartResult(RUN_ID, false));
    when(runs.statusIfAnswered(eq(WORKFLOW_ID), eq(RUN_ID), any()))
        .thenReturn(Optional.of(ready(request())));

    mvc.perform(json(post("/api/v1/environments"), REQUEST_JSON)).andExpect(status().isOk());
    verify(runs, never()).startInput(anyString(), anyString());
  }

  @Test
  void givenADifferentSpecLiveAndAnswering_whenRequested_itShouldAnswer409FromTheLiveStatus()
      throws Exception {
    when(runs.start(any(), any())).thenReturn(new StartResult(RUN_ID, false));
    EnvironmentRequest live = request();
    when(runs.statusIfAnswered(eq(WORKFLOW_ID), eq(RUN_ID), any()))
        .thenReturn(
            Optional.of(
                ready(
                    new EnvironmentRequest(
                        live.team(),
                        live.name(),
                        live.cluster(),
                        Profile.LARGE,
                        live.database(),
                        "PT2H"))));

    mvc.perform(json(post("/api/v1/environments"), REQUEST_JSON))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.differences[0].field").value("profile"))
        .andExpect(jsonPath("$.differences[0].current").value("large"));
  }

  @Test
  void givenADifferentSpecLive_whenRequested_itShouldAnswer409ListingTheDifferingFields()
      throws Exception {
    when(runs.start(any(), any())).thenReturn(new StartResult(RUN_ID, false));
    EnvironmentRequest live = request();
    when(runs.startInput(WORKFLOW_ID, RUN_ID))
        .thenReturn(
            new EnvironmentRequest(
                live.team(), live.name(), live.cluster(), Profile.LARGE, live.database(), "PT2H"));

    mvc.perform(json(post("/api/v1/environments"), REQUEST_JSON))
        .andExpect(status().isConflict())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
        .andExpect(jsonPath("$.differences", hasSize(1)))
        .andExpect(jsonPath("$.differences[0].field").value("profile"))
        .andExpect(jsonPath("$.differences[0].current").value("large"))
        .andExpect(jsonPath("$.differences[0].requested").value("small"))
        .andExpect(jsonPath("$.environment").value("payments/checkout"));
  }

  // --- GET ---------------------------------------------------------------------------------

  @Test
  void givenNoSuchEnvironment_whenFetched_itShouldAnswer404Problem() throws Exception {
    when(runs.describe(WORKFLOW_ID)).thenReturn(Optional.empty());

    mvc.perform(get("/api/v1/environments/payments/checkout"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Environment not found"))
        .andExpect(jsonPath("$.environment").value("payments/checkout"));
  }

  @Test
  void givenAReadyEnvironment_whenFetched_itShouldShowStepsOutputsExpiryAndTheUiLink()
      throws Exception {
    givenRun(true, Phase.READY);
    when(runs.status(WORKFLOW_ID, RUN_ID)).thenReturn(ready(request()));

    MvcResult result =
        mvc.perform(get("/api/v1/environments/payments/checkout"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.phase").value("READY"))
            .andExpect(jsonPath("$.steps", hasSize(4)))
            .andExpect(jsonPath("$.steps[1].step").value("NAMESPACE"))
            .andExpect(jsonPath("$.steps[1].attempts").value(2))
            .andExpect(jsonPath("$.steps[1].lastError").value("connection refused"))
            .andExpect(jsonPath("$.steps[1].durationMillis").value(2000))
            .andExpect(jsonPath("$.namespace").value("env-payments-checkout"))
            .andExpect(jsonPath("$.secretName").value("envforge-database"))
            .andExpect(jsonPath("$.databaseName").value("env_payments_checkout"))
            .andExpect(jsonPath("$.databaseHost").value("127.0.0.1"))
            .andExpect(jsonPath("$.databasePort").value(15432))
            .andExpect(jsonPath("$.expiresAt").value("2030-01-01T12:00:00Z"))
            .andExpect(
                jsonPath("$.temporalUiUrl")
                    .value(
                        "http://127.0.0.1:8233/namespaces/default/workflows/"
                            + "environment%2Fpayments%2Fcheckout/run-1/history"))
            .andReturn();
    assertThat(result.getResponse().getContentAsString()).doesNotContainIgnoringCase("password");
  }

  @Test
  void givenAWarnedEnvironment_whenFetched_itShouldShowTheWarningAndItsChannels() throws Exception {
    givenRun(true, Phase.READY);
    EnvironmentStatus ready = ready(request());
    ExpiryWarning warning =
        new ExpiryWarning(
            "environment/payments/checkout/run-1/expiring/2030-01-01T12:00:00Z",
            1,
            Instant.parse("2030-01-01T11:00:00Z"),
            ready.expiresAt(),
            NotificationState.SENT,
            "env-payments-checkout.expiring-1893499200",
            NotificationState.FAILED,
            "IllegalStateException: webhook answered HTTP 503");
    when(runs.status(WORKFLOW_ID, RUN_ID))
        .thenReturn(
            new EnvironmentStatus(
                ready.environmentId(),
                ready.request(),
                ready.phase(),
                ready.steps(),
                ready.outputs(),
                ready.createdAt(),
                ready.readyAt(),
                ready.expiresAt(),
                true,
                null,
                warning));

    mvc.perform(get("/api/v1/environments/payments/checkout"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.expiring").value(true))
        .andExpect(jsonPath("$.keep").value(false))
        .andExpect(jsonPath("$.warning.number").value(1))
        .andExpect(jsonPath("$.warning.warnedAt").value("2030-01-01T11:00:00Z"))
        .andExpect(jsonPath("$.warning.event").value("SENT"))
        .andExpect(jsonPath("$.warning.webhook").value("FAILED"))
        .andExpect(jsonPath("$.warning.webhookDetail", containsString("503")));
  }

  @Test
  void givenAnEnvironmentWithAGrant_whenFetched_itShouldListTheGrantWithoutAnyToken()
      throws Exception {
    givenRun(true, Phase.READY);
    EnvironmentStatus ready = ready(request());
    AccessGrant grant =
        new AccessGrant(
            "0123456789abcdef",
            "payments-ci",
            Instant.parse("2030-01-01T10:05:00Z"),
            Instant.parse("2030-01-01T11:05:00Z"));
    when(runs.status(WORKFLOW_ID, RUN_ID))
        .thenReturn(
            new EnvironmentStatus(
                ready.environmentId(),
                ready.request(),
                ready.phase(),
                ready.steps(),
                ready.outputs(),
                ready.createdAt(),
                ready.readyAt(),
                ready.expiresAt(),
                false,
                null,
                null,
                List.of(grant)));

    MvcResult result =
        mvc.perform(get("/api/v1/environments/payments/checkout"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.grants.length()").value(1))
            .andExpect(jsonPath("$.grants[0].grantId").value("0123456789abcdef"))
            .andExpect(jsonPath("$.grants[0].grantedTo").value("payments-ci"))
            .andExpect(jsonPath("$.grants[0].expiresAt").value("2030-01-01T11:05:00Z"))
            .andReturn();
    assertThat(result.getResponse().getContentAsString()).doesNotContainIgnoringCase("token");
  }

  @Test
  void givenARunKnownOpen_whenFetched_itShouldAskThatRunAloneWithoutDescribing() throws Exception {
    when(runs.knownOpenRun(WORKFLOW_ID)).thenReturn(Optional.of(RUN_ID));
    when(runs.statusWhileOpen(WORKFLOW_ID, RUN_ID)).thenReturn(Optional.of(ready(request())));

    mvc.perform(get("/api/v1/environments/payments/checkout"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.runId").value(RUN_ID))
        .andExpect(jsonPath("$.phase").value("READY"));
    verify(runs, never()).describe(anyString());
  }

  @Test
  void givenAKnownRunThatHasClosed_whenFetched_itShouldAnswerWithTheLatestRun() throws Exception {
    when(runs.knownOpenRun(WORKFLOW_ID)).thenReturn(Optional.of("run-0"));
    when(runs.statusWhileOpen(WORKFLOW_ID, "run-0")).thenReturn(Optional.empty());
    givenRun(true, Phase.PROVISIONING);
    when(runs.status(WORKFLOW_ID, RUN_ID))
        .thenReturn(inPhase(ready(request()), Phase.PROVISIONING, null));

    mvc.perform(get("/api/v1/environments/payments/checkout"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.runId").value(RUN_ID))
        .andExpect(jsonPath("$.phase").value("PROVISIONING"));
  }

  @Test
  void givenADestroyedEnvironment_whenFetched_itShouldAnswerFromItsResultWithoutAQuery()
      throws Exception {
    givenRun(false, Phase.DESTROYED);
    when(runs.finalStatus(WORKFLOW_ID, RUN_ID))
        .thenReturn(inPhase(ready(request()), Phase.DESTROYED, "destroyed: done"));

    mvc.perform(get("/api/v1/environments/payments/checkout"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.phase").value("DESTROYED"))
        .andExpect(jsonPath("$.reason").value("destroyed: done"));
    verify(runs, never()).status(anyString(), anyString());
  }

  @Test
  void givenAFailedEnvironment_whenFetched_itShouldAnswerItsFinalStatus() throws Exception {
    givenRun(false, Phase.FAILED);
    when(runs.finalStatus(WORKFLOW_ID, RUN_ID))
        .thenReturn(inPhase(ready(request()), Phase.FAILED, "no shared cluster named 'x'"));

    mvc.perform(get("/api/v1/environments/payments/checkout"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.phase").value("FAILED"));
    // A closed run is never asked by the query that needs a worker to be up.
    verify(runs, never()).status(anyString(), anyString());
  }

  @Test
  void givenABadTeamInThePath_whenFetched_itShouldAnswer400NamingTeam() throws Exception {
    mvc.perform(get("/api/v1/environments/Pay_ments/checkout"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("team"));
  }

  @Test
  void givenTemporalUnavailable_whenFetched_itShouldAnswer503ProblemWithRetryAfter()
      throws Exception {
    when(runs.describe(WORKFLOW_ID))
        .thenThrow(new TemporalUnavailableException("Temporal is unavailable", false, null));

    mvc.perform(get("/api/v1/environments/payments/checkout"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
        .andExpect(header().string("Retry-After", "5"))
        .andExpect(jsonPath("$.title").value("Temporal is unavailable"));
  }

  @Test
  void givenAnUnexpectedFailure_whenFetched_itShouldAnswer500WithoutInternals() throws Exception {
    when(runs.describe(WORKFLOW_ID)).thenThrow(new IllegalStateException("secret internal detail"));

    MvcResult result =
        mvc.perform(get("/api/v1/environments/payments/checkout"))
            .andExpect(status().isInternalServerError())
            .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
            .andReturn();
    assertThat(result.getResponse().getContentAsString())
        .doesNotContain("secret internal detail")
        .doesNotContain("IllegalStateException")
        .doesNotContain("at dev.envforge");
  }

  // --- extend --------------------------------------------------------------------------------

  @Test
  void givenTheWorkflowRefusesTheExpiry_whenExtended_itShouldAnswer422WithItsMessage()
      throws Exception {
    givenRun(true, Phase.READY);
    String message = "by: the expiry would be 2030-02-01T00:00:00Z, beyond the maximum TTL";
    when(runs.extend(eq(WORKFLOW_ID), eq(RUN_ID), any()))
        .thenThrow(new UpdateRefusedException(UpdateRefusedException.Reason.UNACCEPTABLE, message));

    mvc.perform(json(post("/api/v1/environments/payments/checkout/extend"), "{\"by\":\"P30D\"}"))
        .andExpect(status().isUnprocessableContent())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value(message));
    verify(runs).extend(WORKFLOW_ID, RUN_ID, ExtendRequest.by("P30D"));
  }

  @Test
  void givenAnEnvironmentStillProvisioning_whenExtendedAndRefused_itShouldAnswer409()
      throws Exception {
    givenRun(true, Phase.DESTROYING);
    when(runs.extend(eq(WORKFLOW_ID), eq(RUN_ID), any()))
        .thenThrow(
            new UpdateRefusedException(
                UpdateRefusedException.Reason.WRONG_STATE,
                "extend: the environment is DESTROYING, not READY"));

    mvc.perform(json(post("/api/v1/environments/payments/checkout/extend"), "{\"by\":\"PT1H\"}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value("extend: the environment is DESTROYING, not READY"));
  }

  @Test
  void givenADestroyedEnvironment_whenExtended_itShouldAnswer409WithoutAnUpdate() throws Exception {
    givenRun(false, Phase.DESTROYED);

    mvc.perform(json(post("/api/v1/environments/payments/checkout/extend"), "{\"by\":\"PT1H\"}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value(containsString("DESTROYED")));
    verify(runs, never()).extend(anyString(), anyString(), any());
    verify(runs, never()).destroy(anyString(), anyString(), any());
  }

  @Test
  void givenBothByAndUntil_whenExtended_itShouldAnswer400() throws Exception {
    mvc.perform(
            json(
                post("/api/v1/environments/payments/checkout/extend"),
                "{\"by\":\"PT1H\",\"until\":\"2030-01-01T00:00:00Z\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("by"));
  }

  @Test
  void givenAnUntilThatIsNotAnInstant_whenExtended_itShouldAnswer400NamingUntil() throws Exception {
    mvc.perform(
            json(post("/api/v1/environments/payments/checkout/extend"), "{\"until\":\"tomorrow\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("until"));
  }

  @Test
  void givenAnUntilWithAnOffsetBeyondJavas_whenExtended_itShouldExtendToThatInstant()
      throws Exception {
    givenRun(true, Phase.READY);
    when(runs.extend(eq(WORKFLOW_ID), eq(RUN_ID), any())).thenReturn(Optional.of(ready(request())));

    mvc.perform(
            json(
                post("/api/v1/environments/payments/checkout/extend"),
                "{\"until\":\"2030-01-01T00:00:00-22:56\"}"))
        .andExpect(status().isOk());
    verify(runs)
        .extend(
            eq(WORKFLOW_ID),
            eq(RUN_ID),
            eq(ExtendRequest.until(java.time.Instant.parse("2030-01-01T22:56:00Z"))));
  }

  @Test
  void givenAReadyEnvironment_whenExtended_itShouldAnswerTheNewExpiry() throws Exception {
    givenRun(true, Phase.READY);
    EnvironmentStatus extended = ready(request());
    when(runs.extend(eq(WORKFLOW_ID), eq(RUN_ID), any())).thenReturn(Optional.of(extended));

    mvc.perform(json(post("/api/v1/environments/payments/checkout/extend"), "{\"by\":\"PT1H\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.expiresAt").value("2030-01-01T12:00:00Z"));
  }

  // --- DELETE -------------------------------------------------------------------------------

  @Test
  void givenARunKnownOpen_whenExtendedAndDeleted_itShouldUpdateThatRunWithoutDescribing()
      throws Exception {
    when(runs.knownOpenRun(WORKFLOW_ID)).thenReturn(Optional.of(RUN_ID));
    when(runs.extend(eq(WORKFLOW_ID), eq(RUN_ID), any())).thenReturn(Optional.of(ready(request())));
    when(runs.destroy(WORKFLOW_ID, RUN_ID, "done"))
        .thenReturn(Optional.of(inPhase(ready(request()), Phase.DESTROYING, "destroyed: done")));

    mvc.perform(json(post("/api/v1/environments/payments/checkout/extend"), "{\"by\":\"PT1H\"}"))
        .andExpect(status().isOk());
    mvc.perform(delete("/api/v1/environments/payments/checkout?reason=done"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.phase").value("DESTROYING"));
    verify(runs, never()).describe(anyString());
  }

  @Test
  void givenAKnownRunThatHasClosed_whenExtended_itShouldAnswer409FromTheLatestRun()
      throws Exception {
    when(runs.knownOpenRun(WORKFLOW_ID)).thenReturn(Optional.of(RUN_ID));
    when(runs.extend(eq(WORKFLOW_ID), eq(RUN_ID), any())).thenReturn(Optional.empty());
    givenRun(false, Phase.DESTROYED);

    mvc.perform(json(post("/api/v1/environments/payments/checkout/extend"), "{\"by\":\"PT1H\"}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value("extend: the environment is DESTROYED, not READY"));
  }

  @Test
  void givenAReadyEnvironment_whenDeleted_itShouldStartTeardownAndAnswer202() throws Exception {
    givenRun(true, Phase.READY);
    when(runs.destroy(WORKFLOW_ID, RUN_ID, "done testing"))
        .thenReturn(Optional.of(inPhase(ready(request()), Phase.DESTROYING, "destroyed: done")));

    mvc.perform(delete("/api/v1/environments/payments/checkout").param("reason", "done testing"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.phase").value("DESTROYING"));
  }

  @Test
  void givenADestroyedEnvironment_whenDeletedAgain_itShouldAnswer202WithoutAnUpdate()
      throws Exception {
    givenRun(false, Phase.DESTROYED);
    when(runs.finalStatus(WORKFLOW_ID, RUN_ID))
        .thenReturn(inPhase(ready(request()), Phase.DESTROYED, "destroy requested"));

    mvc.perform(delete("/api/v1/environments/payments/checkout"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.phase").value("DESTROYED"));
    verify(runs, never()).extend(anyString(), anyString(), any());
    verify(runs, never()).destroy(anyString(), anyString(), any());
    // The run's result says it all; no worker needs to replay the run for a query.
    verify(runs, never()).status(anyString(), anyString());
  }

  @Test
  void givenNoSuchEnvironment_whenDeleted_itShouldAnswer404() throws Exception {
    when(runs.describe(WORKFLOW_ID)).thenReturn(Optional.empty());

    mvc.perform(delete("/api/v1/environments/payments/checkout")).andExpect(status().isNotFound());
  }

  // --- events -------------------------------------------------------------------------------

  @Test
  void givenAnEnvironmentProvisioning_whenFollowed_itShouldSendEachChangeOnceAndEndAtReady()
      throws Exception {
    givenRun(true, Phase.PROVISIONING);
    EnvironmentStatus ready = ready(request());
    EnvironmentStatus provisioning = inPhase(ready, Phase.PROVISIONING, null);
    when(runs.status(WORKFLOW_ID, RUN_ID)).thenReturn(provisioning);
    when(runs.statusWhileOpen(WORKFLOW_ID, RUN_ID))
        .thenReturn(
            Optional.of(provisioning),
            Optional.of(provisioning),
            Optional.of(ready),
            Optional.of(ready));

    MvcResult started =
        mvc.perform(get("/api/v1/environments/payments/checkout/events"))
            .andExpect(MockMvcResultMatchers.request().asyncStarted())
            .andReturn();
    started.getAsyncResult(5_000);
    String stream = started.getResponse().getContentAsString();

    assertThat(stream.split("event:status", -1)).hasSize(3);
    assertThat(stream.indexOf("\"phase\":\"PROVISIONING\""))
        .isNotNegative()
        .isLessThan(stream.indexOf("\"phase\":\"READY\""));
  }

  @Test
  void givenNoSuchEnvironment_whenFollowed_itShouldAnswer404Problem() throws Exception {
    when(runs.describe(WORKFLOW_ID)).thenReturn(Optional.empty());

    mvc.perform(
            get("/api/v1/environments/payments/checkout/events")
                .accept(MediaType.TEXT_EVENT_STREAM))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON));
  }

  // --- list ---------------------------------------------------------------------------------

  @Test
  void givenMoreThanOnePage_whenListed_itShouldHandBackATokenThatFetchesTheNextPage()
      throws Exception {
    byte[] serverToken = "page-2".getBytes(StandardCharsets.UTF_8);
    String query = "WorkflowType = 'EnvironmentWorkflow' AND EnvTeam = 'payments'";
    when(visibility.list(eq(query), eq(1), eq(new byte[0])))
        .thenReturn(new VisibilityPage(List.of(execution("checkout")), serverToken));
    when(visibility.list(eq(query), eq(1), eq(serverToken)))
        .thenReturn(new VisibilityPage(List.of(execution("search")), new byte[0]));

    MvcResult first =
        mvc.perform(get("/api/v1/environments").param("team", "payments").param("pageSize", "1"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.items", hasSize(1)))
            .andExpect(jsonPath("$.items[0].workflowId").value("environment/payments/checkout"))
            .andExpect(jsonPath("$.items[0].href").value("/api/v1/environments/payments/checkout"))
            .andExpect(jsonPath("$.items[0].phase").value("READY"))
            .andExpect(jsonPath("$.items[0].environment").doesNotExist())
            .andExpect(jsonPath("$.nextPageToken").isString())
            .andReturn();
    String token =
        com.jayway.jsonpath.JsonPath.read(
            first.getResponse().getContentAsString(), "$.nextPageToken");
    assertThat(token).doesNotContain("=").doesNotContain("+").doesNotContain("/");

    mvc.perform(
            get("/api/v1/environments")
                .param("team", "payments")
                .param("pageSize", "1")
                .param("pageToken", token))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[0].workflowId").value("environment/payments/search"))
        .andExpect(jsonPath("$.nextPageToken").doesNotExist());
  }

  @Test
  void givenATokenFromAnotherFilter_whenListed_itShouldAnswer400NamingPageToken() throws Exception {
    when(visibility.list(anyString(), anyInt(), any()))
        .thenReturn(new VisibilityPage(List.of(execution("checkout")), new byte[] {1, 2, 3}));
    MvcResult first =
        mvc.perform(get("/api/v1/environments").param("team", "payments").param("pageSize", "1"))
            .andReturn();
    String token =
        com.jayway.jsonpath.JsonPath.read(
            first.getResponse().getContentAsString(), "$.nextPageToken");

    mvc.perform(get("/api/v1/environments").param("team", "search").param("pageToken", token))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("pageToken"));
  }

  @Test
  void givenBadFilters_whenListed_itShouldAnswer400NamingEachParameter() throws Exception {
    mvc.perform(get("/api/v1/environments").param("team", "Pay_ments"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("team"));
    mvc.perform(get("/api/v1/environments").param("phase", "HIBERNATING"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("phase"));
    mvc.perform(get("/api/v1/environments").param("pageSize", "1000"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("pageSize"));
    mvc.perform(get("/api/v1/environments").param("pageSize", ""))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("pageSize"));
    mvc.perform(get("/api/v1/environments").param("pageSize", "ten"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("pageSize"));
    mvc.perform(get("/api/v1/environments").param("pageToken", "not base64!"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("pageToken"));
    verify(visibility, never()).list(anyString(), anyInt(), any());
  }

  @Test
  void givenAPhaseInLowerCase_whenListed_itShouldQueryThatPhase() throws Exception {
    when(visibility.list(anyString(), anyInt(), any()))
        .thenReturn(new VisibilityPage(List.of(), new byte[0]));

    mvc.perform(get("/api/v1/environments").param("phase", "ready"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items", hasSize(0)))
        .andExpect(content().string(not(containsString("error"))));
    verify(visibility)
        .list("WorkflowType = 'EnvironmentWorkflow' AND EnvPhase = 'READY'", 20, new byte[0]);
  }

  private void givenRun(boolean open, Phase phase) {
    when(runs.describe(WORKFLOW_ID))
        .thenReturn(
            Optional.of(
                new RunDescription(
                    WORKFLOW_ID, RUN_ID, open, !open && phase == Phase.DESTROYED, phase)));
  }

  private static ListedEnvironment execution(String name) {
    return new ListedEnvironment(
        "payments",
        name,
        "environment/payments/" + name,
        "run-" + name,
        Phase.READY,
        null,
        null,
        true,
        Instant.EPOCH,
        null);
  }

  private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder json(
      org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
      String body) {
    return request.contentType(MediaType.APPLICATION_JSON).content(body);
  }
}
