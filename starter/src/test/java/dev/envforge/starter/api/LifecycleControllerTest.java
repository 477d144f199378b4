package dev.envforge.starter.api;

import static dev.envforge.starter.api.EnvironmentFixtures.inPhase;
import static dev.envforge.starter.api.EnvironmentFixtures.ready;
import static dev.envforge.starter.api.EnvironmentFixtures.request;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.envforge.starter.security.TestTokens;
import dev.envforge.starter.temporal.EnvironmentRuns;
import dev.envforge.starter.temporal.EnvironmentRuns.RunDescription;
import dev.envforge.starter.temporal.TemporalServer;
import dev.envforge.starter.temporal.UpdateRefusedException;
import dev.envforge.workflows.environment.EnvironmentLifecycleWorkflow;
import dev.envforge.workflows.environment.EnvironmentStatus;
import dev.envforge.workflows.environment.Phase;
import dev.envforge.workflows.lifecycle.ApprovalDecision;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Who may approve, reject, sleep and wake, and what reaches the workflow, over a mocked Temporal.
 */
@EnvironmentApiSliceTest
@Import(LifecycleController.class)
@TestPropertySource(
    properties = {
      "envforge.security.tokens[0].name=payments-ci",
      "envforge.security.tokens[0].sha256=" + TestTokens.PAYMENTS_SHA256,
      "envforge.security.tokens[0].teams=payments",
      "envforge.security.tokens[1].name=payments-lead",
      "envforge.security.tokens[1].sha256=" + LifecycleControllerTest.APPROVER_SHA256,
      "envforge.security.tokens[1].approver-for=payments",
      "envforge.security.tokens[2].name=search-ci",
      "envforge.security.tokens[2].sha256=" + TestTokens.SEARCH_SHA256,
      "envforge.security.tokens[2].teams=search",
      "envforge.security.rate-limit.capacity=100000"
    })
class LifecycleControllerTest {

  static final String APPROVER = "test-payments-lead-4d2a9c";
  static final String APPROVER_SHA256 =
      "0442efa7769247d7dd30c245b27c7d5333cd3630182f5e826c45aff09dbf3a0d";
  static final String WORKFLOW_ID = "environment/payments/checkout";
  static final String RUN_ID = "run-1";
  static final String BASE = "/api/v1/environments/payments/checkout";

  @Autowired MockMvc mvc;
  @Autowired EnvironmentRuns runs;
  @Autowired TemporalServer server;

  @BeforeEach
  void anOpenRun() {
    when(server.namespace()).thenReturn("default");
    when(runs.describe(WORKFLOW_ID))
        .thenReturn(
            Optional.of(
                new RunDescription(WORKFLOW_ID, RUN_ID, true, false, Phase.AWAITING_APPROVAL)));
  }

  @Test
  void givenAnApprover_whenApproving_itShouldPassTheCallerAndReasonToTheWorkflow()
      throws Exception {
    EnvironmentStatus provisioning = inPhase(ready(request()), Phase.PROVISIONING, null);
    when(runs.lifecycle(eq(WORKFLOW_ID), eq(RUN_ID), any())).thenReturn(Optional.of(provisioning));

    mvc.perform(as(APPROVER, json(post(BASE + "/approve"), "{\"reason\":\"budget ok\"}")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.phase").value("PROVISIONING"));

    EnvironmentLifecycleWorkflow workflow = sentTo();
    verify(workflow).approve(new ApprovalDecision("payments-lead", "budget ok"));
  }

  @Test
  void givenAnApproverWithoutABody_whenApproving_itShouldApproveWithoutAReason() throws Exception {
    when(runs.lifecycle(eq(WORKFLOW_ID), eq(RUN_ID), any()))
        .thenReturn(Optional.of(inPhase(ready(request()), Phase.PROVISIONING, null)));

    mvc.perform(as(APPROVER, post(BASE + "/approve"))).andExpect(status().isOk());

    verify(sentTo()).approve(new ApprovalDecision("payments-lead", null));
  }

  @Test
  void givenATeamMemberWhoIsNoApprover_whenApproving_itShouldAnswer403AndNotAsk() throws Exception {
    mvc.perform(as(TestTokens.PAYMENTS, post(BASE + "/approve")))
        .andExpect(status().isForbidden())
        .andExpect(
            jsonPath("$.detail").value("you may not approve or reject requests of team payments"));
    verify(runs, never()).lifecycle(anyString(), anyString(), any());
  }

  @Test
  void givenAnotherTeamsCaller_whenApproving_itShouldAnswer404AsForAnUnknownEnvironment()
      throws Exception {
    mvc.perform(as(TestTokens.SEARCH, post(BASE + "/approve"))).andExpect(status().isNotFound());
    verify(runs, never()).lifecycle(anyString(), anyString(), any());
  }

  @Test
  void givenTheWorkflowRefusesTheRequester_whenApproving_itShouldAnswer422WithItsMessage()
      throws Exception {
    String message = "approve: payments-lead asked for this environment and may not approve it";
    when(runs.lifecycle(eq(WORKFLOW_ID), eq(RUN_ID), any()))
        .thenThrow(new UpdateRefusedException(UpdateRefusedException.Reason.UNACCEPTABLE, message));

    mvc.perform(as(APPROVER, post(BASE + "/approve")))
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.detail").value(message));
  }

  @Test
  void givenARejectionWithoutAReason_whenRejecting_itShouldAnswer400NamingReason()
      throws Exception {
    mvc.perform(as(APPROVER, json(post(BASE + "/reject"), "{\"reason\":\"  \"}")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("reason"));
    verify(runs, never()).lifecycle(anyString(), anyString(), any());
  }

  @Test
  void givenARejectionWithAReason_whenRejecting_itShouldAnswerRejected() throws Exception {
    when(runs.lifecycle(eq(WORKFLOW_ID), eq(RUN_ID), any()))
        .thenReturn(Optional.of(inPhase(ready(request()), Phase.REJECTED, "rejected")));

    mvc.perform(as(APPROVER, json(post(BASE + "/reject"), "{\"reason\":\"too big\"}")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.phase").value("REJECTED"));
    verify(sentTo()).reject(new ApprovalDecision("payments-lead", "too big"));
  }

  @Test
  void givenATeamMember_whenSleepingAndWaking_itShouldAskTheWorkflowAsThatCaller()
      throws Exception {
    when(runs.lifecycle(eq(WORKFLOW_ID), eq(RUN_ID), any()))
        .thenReturn(Optional.of(inPhase(ready(request()), Phase.SLEEPING, null)));

    mvc.perform(as(TestTokens.PAYMENTS, post(BASE + "/sleep")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.phase").value("SLEEPING"));
    verify(sentTo()).sleep("payments-ci");
  }

  @Test
  void givenAnApproverOutsideTheTeam_whenSleeping_itShouldAnswer404() throws Exception {
    mvc.perform(as(APPROVER, post(BASE + "/wake"))).andExpect(status().isNotFound());
    verify(runs, never()).lifecycle(anyString(), anyString(), any());
  }

  @Test
  void givenADestroyedEnvironment_whenWaking_itShouldAnswer409WithoutAnUpdate() throws Exception {
    when(runs.describe(WORKFLOW_ID))
        .thenReturn(
            Optional.of(new RunDescription(WORKFLOW_ID, RUN_ID, false, true, Phase.DESTROYED)));

    mvc.perform(as(TestTokens.PAYMENTS, post(BASE + "/wake")))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value("wake: the environment is DESTROYED"));
    verify(runs, never()).lifecycle(anyString(), anyString(), any());
  }

  /** Applies the update the service sent to a mock workflow, for verifying what it asked. */
  @SuppressWarnings("unchecked")
  private EnvironmentLifecycleWorkflow sentTo() {
    ArgumentCaptor<Function<EnvironmentLifecycleWorkflow, EnvironmentStatus>> update =
        ArgumentCaptor.forClass(Function.class);
    verify(runs).lifecycle(eq(WORKFLOW_ID), eq(RUN_ID), update.capture());
    EnvironmentLifecycleWorkflow workflow = mock(EnvironmentLifecycleWorkflow.class);
    update.getValue().apply(workflow);
    return workflow;
  }

  private static MockHttpServletRequestBuilder as(String token, MockHttpServletRequestBuilder r) {
    return r.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token));
  }

  private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder r, String body) {
    return r.contentType(MediaType.APPLICATION_JSON).content(body);
  }
}
