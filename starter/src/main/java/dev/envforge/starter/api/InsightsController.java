package dev.envforge.starter.api;

import dev.envforge.starter.insights.Insights;
import dev.envforge.starter.insights.InsightsService;
import dev.envforge.starter.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The platform's delivery figures, from Temporal visibility and what the runs recorded. */
@RestController
@RequestMapping("/api/v1/insights")
@Tag(name = "insights", description = "Delivery figures of the platform")
public class InsightsController {

  private final InsightsService insights;

  public InsightsController(InsightsService insights) {
    this.insights = insights;
  }

  /**
   * The figures of one window.
   *
   * @param team null when the figures cover every team the caller sees
   */
  public record InsightsView(String team, Instant from, Instant to, Insights figures) {}

  @GetMapping
  @Operation(
      summary = "Delivery figures",
      description =
          "Of the environment runs started in [from, to): how many were requested, became READY"
              + " or failed (by failure type), the change-failure rate (failed / (READY +"
              + " failed)), time to READY (p50, p95, mean), time to restore (from a failed"
              + " environment's end to the next READY one of the same name), lifetimes (READY to"
              + " end) and extensions; and the running environments per team now. Durations in"
              + " seconds; a figure with nothing to count is null. Only the caller's teams, unless"
              + " it is an admin. A window whose from is not before its to is empty.")
  @ApiResponse(responseCode = "200", description = "The figures")
  @ApiResponse(responseCode = "403", description = "The caller does not act for the team")
  @ApiResponse(
      responseCode = "400",
      description = "A parameter is malformed, or the window holds too many runs")
  public InsightsView figures(
      @Parameter(description = "only this team's environments") @RequestParam(required = false)
          String team,
      @Parameter(description = "start of the window, RFC 3339 (default: 30 days before to)")
          @RequestParam(required = false)
          String from,
      @Parameter(description = "end of the window, RFC 3339, exclusive (default: now)")
          @RequestParam(required = false)
          String to) {
    InsightsService.Window window = insights.figures(Callers.current(), team, from, to);
    return new InsightsView(window.team(), window.from(), window.to(), window.figures());
  }
}
