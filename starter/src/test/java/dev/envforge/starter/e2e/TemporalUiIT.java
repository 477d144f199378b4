package dev.envforge.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.workflows.environment.EnvironmentSummary;
import dev.envforge.workflows.request.ClusterChoice;
import dev.envforge.workflows.request.DatabaseChoice;
import dev.envforge.workflows.request.DatabaseDriver;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * People watch environments in the Temporal UI: an environment provisioned through the API must be
 * findable there by its team and show the summary the API gave its run, in a real browser.
 */
class TemporalUiIT extends RealPlatformTestBase {

  private static final String NAME = "web";

  /** The UI is a single-page app over visibility: generous, but bounded. */
  private static final Duration UI_PATIENCE = Duration.ofSeconds(60);

  private final TemporalUiCheck ui = new TemporalUiCheck();

  @BeforeAll
  void installBrowser() throws InterruptedException {
    ui.install();
  }

  @Test
  void givenAReadyEnvironment_whenItsTeamIsSearchedInTheUi_itShouldListTheRunWithItsSummary()
      throws Exception {
    String team = newTeam("ui");
    EnvironmentRequest request =
        new EnvironmentRequest(
            team,
            NAME,
            ClusterChoice.shared("local"),
            Profile.SMALL,
            DatabaseChoice.postgres(DatabaseDriver.DIRECT),
            "PT2H");
    String workflowId = EnvironmentNaming.workflowId(team, NAME);
    String runId = start(request);
    followUntil(team, NAME, "READY");
    Path screenshot = Path.of("target", "temporal-ui.png").toAbsolutePath();
    Files.deleteIfExists(screenshot);

    TemporalUiCheck.Result result =
        ui.check(
            platform.temporalUi(),
            platform.temporalNamespace(),
            team,
            workflowId,
            screenshot,
            UI_PATIENCE);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.report().get("ok").asBoolean()).isTrue();
    assertThat(result.report().get("listedRows").valueStream().map(row -> row.asString()))
        .as("the EnvTeam filter lists this team's run and nothing else")
        .containsExactly(workflowId);
    assertThat(result.report().get("runId").asString()).isEqualTo(runId);
    assertThat(result.report().get("summary").asString()).isEqualTo(EnvironmentSummary.of(request));
    assertThat(screenshot).isNotEmptyFile();
    assertThat(Files.readAllBytes(screenshot)).startsWith(0x89, 'P', 'N', 'G');

    destroyAndAwaitClosed(team, NAME, runId);
  }

  @Test
  void givenATeamWithoutRuns_whenItsRunIsLookedForInTheUi_itShouldFailAtTheList() throws Exception {
    // The check must be able to say no, or its yes above would mean nothing.
    String team = newTeam("nobody");
    Path screenshot = Path.of("target", "temporal-ui-not-listed.png").toAbsolutePath();

    TemporalUiCheck.Result result =
        ui.check(
            platform.temporalUi(),
            platform.temporalNamespace(),
            team,
            EnvironmentNaming.workflowId(team, NAME),
            screenshot,
            Duration.ofSeconds(10));

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.report().get("ok").asBoolean()).isFalse();
    assertThat(result.report().get("stage").asString()).isEqualTo("list");
    assertThat(result.report().get("listed").asBoolean()).isFalse();
  }
}
