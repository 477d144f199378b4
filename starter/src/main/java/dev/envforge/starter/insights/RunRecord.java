package dev.envforge.starter.insights;

import dev.envforge.workflows.environment.Phase;
import java.time.Instant;

/**
 * One environment run as the delivery figures see it: what visibility lists (start, close, phase)
 * and what the run recorded in its memo (when it became READY, why it failed, its extensions).
 *
 * @param readyAt null if it never became READY
 * @param failureType null unless it ended FAILED (and recorded why)
 */
public record RunRecord(
    String team,
    String workflowId,
    Phase phase,
    boolean open,
    Instant startedAt,
    Instant closedAt,
    Instant readyAt,
    String failureType,
    int extensions) {

  /** Provisioning failed for good: it ended FAILED without ever being READY. */
  boolean failedProvisioning() {
    return !open && phase == Phase.FAILED && readyAt == null;
  }
}
