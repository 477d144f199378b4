package dev.envforge.starter.api;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.envforge.starter.config.StarterConfiguration;
import dev.envforge.starter.config.StrictJsonConfiguration;
import dev.envforge.starter.security.SecurityConfiguration;
import dev.envforge.starter.security.TestTokens;
import dev.envforge.starter.temporal.NoSweepYetException;
import dev.envforge.starter.temporal.ReaperSweeps;
import dev.envforge.starter.temporal.ReaperSweeps.CompletedSweep;
import dev.envforge.starter.temporal.ReaperSweeps.StartedSweep;
import dev.envforge.starter.temporal.TemporalServer;
import dev.envforge.starter.temporal.TemporalUnavailableException;
import dev.envforge.workflows.reaper.ActionOutcome;
import dev.envforge.workflows.reaper.EnvironmentClass;
import dev.envforge.workflows.reaper.SweepAction;
import dev.envforge.workflows.reaper.SweepReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The reaper's HTTP contract over a mocked Temporal. */
@WebMvcTest(ReaperController.class)
@TestPropertySource(
    properties = {
      "envforge.security.tokens[0].name=test-admin",
      "envforge.security.tokens[0].sha256=" + TestTokens.ADMIN_SHA256,
      "envforge.security.tokens[0].admin=true"
    })
@Import({
  SecurityConfiguration.class,
  StarterConfiguration.class,
  StrictJsonConfiguration.class,
  TemporalUiLinks.class,
  AdminCaller.class
})
class ReaperControllerTest {

  private static final String PROBLEM_JSON = "application/problem+json";

  @Autowired MockMvc mvc;
  @MockitoBean ReaperSweeps sweeps;
  @MockitoBean TemporalServer server;

  @BeforeEach
  void temporalNamespace() {
    when(server.namespace()).thenReturn("default");
  }

  @Test
  void givenNoSweepYet_whenTheLastIsAskedFor_itShouldAnswer404Problem() throws Exception {
    when(sweeps.last()).thenThrow(new NoSweepYetException());

    mvc.perform(get("/api/v1/reaper/last"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("urn:envforge:problem:no-sweep-yet"));
  }

  @Test
  void givenACompletedSweep_whenTheLastIsAskedFor_itShouldShowItsReportAndRun() throws Exception {
    SweepReport report =
        new SweepReport(
            Instant.parse("2026-06-01T12:00:00Z"),
            Instant.parse("2026-06-01T12:00:03Z"),
            false,
            List.of("local"),
            Map.of(EnvironmentClass.EXPIRED, 1, EnvironmentClass.LIVE, 4),
            Map.of(EnvironmentClass.EXPIRED, List.of("local/env-a-b")),
            Map.of(ActionOutcome.TORN_DOWN, 1),
            List.of(
                new SweepAction(
                    "local",
                    "env-a-b",
                    EnvironmentClass.EXPIRED,
                    "teardown/local/env-a-b/u1",
                    ActionOutcome.TORN_DOWN,
                    null)),
            List.of(),
            false);
    when(sweeps.last())
        .thenReturn(
            new CompletedSweep(
                "envforge-reaper/sweep-2026-06-01T12:00:00Z",
                "run-7",
                Instant.parse("2026-06-01T12:00:03Z"),
                report));

    mvc.perform(get("/api/v1/reaper/last"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.workflowId").value("envforge-reaper/sweep-2026-06-01T12:00:00Z"))
        .andExpect(jsonPath("$.temporalUiUrl").value(org.hamcrest.Matchers.containsString("run-7")))
        .andExpect(jsonPath("$.report.counts.EXPIRED").value(1))
        .andExpect(jsonPath("$.report.namespaces.EXPIRED[0]").value("local/env-a-b"))
        .andExpect(jsonPath("$.report.actions[0].outcome").value("TORN_DOWN"));
  }

  @Test
  void givenATrigger_whenPosted_itShouldAnswer202NamingTheRun() throws Exception {
    when(sweeps.start(false)).thenReturn(new StartedSweep("envforge-reaper/manual-1", "run-1"));

    mvc.perform(post("/api/v1/reaper/sweeps").param("dryRun", "false"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.workflowId").value("envforge-reaper/manual-1"))
        .andExpect(jsonPath("$.runId").value("run-1"));
    verify(sweeps).start(false);
  }

  @Test
  void givenAnUnreadableDryRun_whenPosted_itShouldAnswer400AndStartNothing() throws Exception {
    mvc.perform(post("/api/v1/reaper/sweeps").param("dryRun", "maybe"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("dryRun"));
    verify(sweeps, never()).start(any());
  }

  @Test
  void givenTemporalDown_whenPosted_itShouldAnswer503WithRetryAfter() throws Exception {
    when(sweeps.start(null))
        .thenThrow(new TemporalUnavailableException("Temporal is unavailable", false, null));

    mvc.perform(post("/api/v1/reaper/sweeps"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().exists("Retry-After"));
  }
}
