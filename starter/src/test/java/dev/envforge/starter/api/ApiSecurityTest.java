package dev.envforge.starter.api;

import static dev.envforge.starter.api.EnvironmentFixtures.REQUEST_JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
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

import dev.envforge.starter.quota.TeamLimitExceededException;
import dev.envforge.starter.quota.TeamQuota;
import dev.envforge.starter.security.TestTokens;
import dev.envforge.starter.temporal.EnvironmentRuns;
import dev.envforge.starter.temporal.EnvironmentVisibility;
import dev.envforge.starter.temporal.EnvironmentVisibility.VisibilityPage;
import dev.envforge.starter.temporal.TemporalServer;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Who may do what, over a mocked Temporal: authentication, team isolation, admin-only paths, team
 * limits, rate limits and the audit line. The payments token acts for {@code payments}; the search
 * token for {@code search}; the admin token for everyone.
 */
@EnvironmentApiSliceTest
@TestPropertySource(
    properties = {
      "envforge.security.tokens[0].name=test-admin",
      "envforge.security.tokens[0].sha256=" + TestTokens.ADMIN_SHA256,
      "envforge.security.tokens[0].admin=true",
      "envforge.security.tokens[1].name=payments-ci",
      "envforge.security.tokens[1].sha256=" + TestTokens.PAYMENTS_SHA256,
      "envforge.security.tokens[1].teams=payments",
      "envforge.security.tokens[2].name=search-ci",
      "envforge.security.tokens[2].sha256=" + TestTokens.SEARCH_SHA256,
      "envforge.security.tokens[2].teams=search",
      "envforge.security.rate-limit.capacity=5",
      "envforge.security.rate-limit.per-minute=1"
    })
@ExtendWith(OutputCaptureExtension.class)
class ApiSecurityTest {

  private static final String PROBLEM_JSON = "application/problem+json";

  @Autowired MockMvc mvc;
  @Autowired EnvironmentRuns runs;
  @Autowired EnvironmentVisibility visibility;
  @Autowired TemporalServer server;
  @Autowired TeamQuota quota;

  @BeforeEach
  void temporalNamespace() {
    when(server.namespace()).thenReturn("default");
    when(visibility.list(anyString(), anyInt(), any()))
        .thenReturn(new VisibilityPage(List.of(), new byte[0]));
  }

  private static MockHttpServletRequestBuilder as(
      String token, MockHttpServletRequestBuilder call) {
    return call.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token));
  }

  @Test
  void givenNoToken_whenTheApiIsCalled_itShouldAnswer401ProblemAndTouchNothing() throws Exception {
    mvc.perform(get("/api/v1/environments"))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
        .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"envforge\""))
        .andExpect(jsonPath("$.title").value("Authentication required"));
    mvc.perform(
            post("/api/v1/environments")
                .contentType(MediaType.APPLICATION_JSON)
                .content(REQUEST_JSON))
        .andExpect(status().isUnauthorized());
    verify(runs, never()).start(any(), any());
    verify(visibility, never()).list(anyString(), anyInt(), any());
  }

  @Test
  void givenAnUnknownToken_whenTheApiIsCalled_itShouldAnswer401WithoutSayingWhy() throws Exception {
    mvc.perform(as("not-a-token", get("/api/v1/environments")))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\""))
        .andExpect(jsonPath("$.detail").value("the bearer token was not accepted"));
    mvc.perform(get("/api/v1/environments").header(HttpHeaders.AUTHORIZATION, "Basic YTpi"))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void givenAnotherTeamsEnvironment_whenFetchedExtendedOrDeleted_itShouldAnswer404LikeAMissingOne()
      throws Exception {
    mvc.perform(as(TestTokens.PAYMENTS, get("/api/v1/environments/search/index")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.title").value("Environment not found"));
    mvc.perform(as(TestTokens.PAYMENTS, get("/api/v1/environments/search/index/events")))
        .andExpect(status().isNotFound());
    mvc.perform(as(TestTokens.PAYMENTS, delete("/api/v1/environments/search/index")))
        .andExpect(status().isNotFound());
    mvc.perform(
            as(
                TestTokens.PAYMENTS,
                post("/api/v1/environments/search/index/extend")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"by\":\"PT1H\"}")))
        .andExpect(status().isNotFound());
    // Not even asked: whether it exists must not show in timing or errors either.
    verify(runs, never()).describe(anyString());
  }

  @Test
  void givenATeamMember_whenListing_itShouldOnlyQueryItsTeams() throws Exception {
    mvc.perform(as(TestTokens.PAYMENTS, get("/api/v1/environments").param("phase", "READY")))
        .andExpect(status().isOk());
    verify(visibility)
        .list(
            eq(
                "WorkflowType = 'EnvironmentWorkflow' AND EnvPhase = 'READY'"
                    + " AND EnvTeam IN ('payments')"),
            eq(20),
            any());
  }

  @Test
  void givenATeamMember_whenListingAnotherTeam_itShouldGetAnEmptyPageWithoutAQuery()
      throws Exception {
    mvc.perform(as(TestTokens.PAYMENTS, get("/api/v1/environments").param("team", "search")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items").isEmpty());
    verify(visibility, never()).list(anyString(), anyInt(), any());
  }

  @Test
  void givenAnAdmin_whenListing_itShouldQueryEveryTeam() throws Exception {
    mvc.perform(as(TestTokens.ADMIN, get("/api/v1/environments"))).andExpect(status().isOk());
    verify(visibility).list(eq("WorkflowType = 'EnvironmentWorkflow'"), eq(20), any());
  }

  @Test
  void givenARequestForAnotherTeam_whenPosted_itShouldAnswer403AndStartNothing(
      CapturedOutput output) throws Exception {
    mvc.perform(
            as(
                TestTokens.PAYMENTS,
                post("/api/v1/environments")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(REQUEST_JSON.replace("\"payments\"", "\"search\""))))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.team").value("search"));
    verify(runs, never()).start(any(), any());
    verify(quota, never()).reserve(anyString(), anyString());
    assertThat(output)
        .contains(
            "caller=payments-ci action=\"POST /api/v1/environments\""
                + " environment=search/checkout status=403 result=forbidden")
        .doesNotContain(TestTokens.PAYMENTS);
  }

  @Test
  void givenATeamAtItsLimit_whenARequestIsPosted_itShouldAnswer429NamingTheLimit(
      CapturedOutput output) throws Exception {
    doThrow(new TeamLimitExceededException("payments", 2, 2))
        .when(quota)
        .reserve("payments", "payments-checkout");

    mvc.perform(
            as(
                TestTokens.PAYMENTS,
                post("/api/v1/environments")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(REQUEST_JSON)))
        .andExpect(status().isTooManyRequests())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("urn:envforge:problem:team-limit"))
        .andExpect(jsonPath("$.limit").value(2))
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("at most 2")));
    verify(runs, never()).start(any(), any());
    assertThat(output)
        .contains(
            "caller=payments-ci action=\"POST /api/v1/environments\""
                + " environment=payments/checkout status=429 result=limited");
  }

  @Test
  void givenAdminOnlyPaths_whenCalled_itShouldLetOnlyAdminsThrough() throws Exception {
    mvc.perform(get("/api/v1/reaper/last")).andExpect(status().isUnauthorized());
    mvc.perform(as(TestTokens.PAYMENTS, get("/api/v1/reaper/last")))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON));
    mvc.perform(as(TestTokens.PAYMENTS, post("/api/v1/reaper/sweeps")))
        .andExpect(status().isForbidden());
    // Past authorisation; no reaper controller in this slice, so nothing answers it.
    mvc.perform(as(TestTokens.ADMIN, get("/api/v1/reaper/last")))
        .andExpect(result -> assertThat(result.getResponse().getStatus()).isNotIn(401, 403));
  }

  @Test
  void givenACallerOverItsBurst_whenChangingMore_itShouldAnswer429WithRetryAfter()
      throws Exception {
    // The search token is used for no other change in this class: its bucket is full (5).
    for (int i = 0; i < 5; i++) {
      mvc.perform(as(TestTokens.SEARCH, delete("/api/v1/environments/payments/x" + i)))
          .andExpect(status().isNotFound());
    }

    mvc.perform(as(TestTokens.SEARCH, delete("/api/v1/environments/payments/x5")))
        .andExpect(status().isTooManyRequests())
        .andExpect(
            header()
                .string(
                    HttpHeaders.RETRY_AFTER, org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*")))
        .andExpect(jsonPath("$.type").value("urn:envforge:problem:rate-limited"));
    // Reads are not limited.
    mvc.perform(as(TestTokens.SEARCH, get("/api/v1/environments"))).andExpect(status().isOk());
  }
}
