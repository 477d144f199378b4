package dev.envforge.starter.api;

import dev.envforge.starter.temporal.ReaperSweeps;
import dev.envforge.starter.temporal.ReaperSweeps.CompletedSweep;
import dev.envforge.starter.temporal.ReaperSweeps.StartedSweep;
import dev.envforge.workflows.reaper.SweepReport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The reaper's reports and an on-demand sweep. Meant for platform administrators. */
@RestController
@RequestMapping("/api/v1/reaper")
@Tag(
    name = "reaper",
    description = "Sweeps for expired, orphaned and drifted environments and every leftover")
@ApiResponse(responseCode = "503", description = "Temporal is unavailable")
@ApiResponse(responseCode = "401", description = "No bearer token, or one that is not accepted")
@ApiResponse(responseCode = "403", description = "The caller is not an admin")
public class ReaperController {

  private final ReaperSweeps sweeps;
  private final TemporalUiLinks links;

  public ReaperController(ReaperSweeps sweeps, TemporalUiLinks links) {
    this.sweeps = sweeps;
    this.links = links;
  }

  /** The last sweep's report, with where to see its run. */
  public record LastSweepView(
      String workflowId,
      String runId,
      Instant closedAt,
      String temporalUiUrl,
      SweepReport report) {}

  /** A sweep just started. */
  public record SweepStartedView(String workflowId, String runId, String temporalUiUrl) {}

  @GetMapping("/last")
  @Operation(
      summary = "The last completed sweep's report",
      description =
          "Counts and namespaces by class (live, expired, orphan, kept, drifted, recent,"
              + " terminating), the same by kind of leftover under kinds (namespace on registered"
              + " and dedicated clusters, xenvcluster and other declared kinds in the management"
              + " cluster, postgres databases whose namespace is gone), and the actions taken,"
              + " from the most recently completed sweep, scheduled or started through this API.")
  @ApiResponse(responseCode = "200", description = "The report")
  @ApiResponse(responseCode = "404", description = "No sweep has completed yet")
  public LastSweepView last() {
    CompletedSweep last = sweeps.last();
    return new LastSweepView(
        last.workflowId(),
        last.runId(),
        last.closedAt(),
        links.run(last.workflowId(), last.runId()),
        last.report());
  }

  @PostMapping("/sweeps")
  @Operation(
      summary = "Start a sweep now",
      description =
          "Starts one sweep at once, besides the schedule's. Without dryRun the worker's"
              + " configuration (envforge.reaper.dry-run) decides; dryRun=false tears expired and"
              + " orphaned environments down. Poll GET /api/v1/reaper/last for its report.")
  @ApiResponse(responseCode = "202", description = "Started; the body names its run")
  @ApiResponse(responseCode = "400", description = "dryRun is not true or false")
  @ApiResponse(
      responseCode = "429",
      description = "The caller made too many changes (Retry-After says when to retry)")
  public ResponseEntity<SweepStartedView> sweep(
      @Parameter(description = "true: only report; false: act; absent: as configured")
          @RequestParam(required = false)
          Boolean dryRun) {
    StartedSweep started = sweeps.start(dryRun);
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(
            new SweepStartedView(
                started.workflowId(),
                started.runId(),
                links.run(started.workflowId(), started.runId())));
  }
}
