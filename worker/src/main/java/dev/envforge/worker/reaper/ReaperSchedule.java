package dev.envforge.worker.reaper;

import dev.envforge.workflows.reaper.ReaperWorkflow;
import dev.envforge.workflows.reaper.SweepRequest;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.client.schedules.ScheduleUpdate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the reaper's Temporal Schedule, or brings an existing one in line with the configuration.
 * Every worker replica does this when it starts; the schedule id makes it one schedule however many
 * replicas start, and a restart updates it rather than adding another.
 */
public final class ReaperSchedule {

  private static final Logger log = LoggerFactory.getLogger(ReaperSchedule.class);

  private final ScheduleClient schedules;
  private final ReaperProperties properties;
  private final String taskQueue;

  public ReaperSchedule(ScheduleClient schedules, ReaperProperties properties, String taskQueue) {
    this.schedules = schedules;
    this.properties = properties;
    this.taskQueue = taskQueue;
  }

  /** The schedule as configured: one sweep per interval, never two at once. */
  Schedule desired() {
    return Schedule.newBuilder()
        .setAction(
            ScheduleActionStartWorkflow.newBuilder()
                .setWorkflowType(ReaperWorkflow.class)
                // The worker's envforge.reaper.dry-run decides, read when each sweep starts.
                .setArguments(SweepRequest.configured())
                .setOptions(
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(properties.scheduleId() + "/sweep")
                        .setTaskQueue(taskQueue)
                        .build())
                .build())
        .setSpec(
            ScheduleSpec.newBuilder()
                .setIntervals(List.of(new ScheduleIntervalSpec(properties.interval())))
                .build())
        .setPolicy(
            SchedulePolicy.newBuilder()
                .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                .build())
        .setState(
            ScheduleState.newBuilder()
                .setPaused(properties.paused())
                .setNote(
                    properties.paused()
                        ? "paused by envforge.reaper.paused"
                        : "envforge reaper, every " + properties.interval())
                .build())
        .build();
  }

  /** Creates the schedule, or updates the one that exists; returns whether it was created. */
  public boolean createOrUpdate() {
    Schedule schedule = desired();
    try {
      schedules.createSchedule(
          properties.scheduleId(), schedule, ScheduleOptions.newBuilder().build());
      log.info(
          "created reaper schedule {} (every {}, paused: {}, dry run: {})",
          properties.scheduleId(),
          properties.interval(),
          properties.paused(),
          properties.dryRun());
      return true;
    } catch (ScheduleAlreadyRunningException exists) {
      schedules.getHandle(properties.scheduleId()).update(input -> new ScheduleUpdate(schedule));
      log.info(
          "updated reaper schedule {} (every {}, paused: {}, dry run: {})",
          properties.scheduleId(),
          properties.interval(),
          properties.paused(),
          properties.dryRun());
      return false;
    }
  }
}
