package dev.envforge.workflows.reaper;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Timeouts of the reaper's activities. Unlike the environment workflow's steps, these are retried
 * by the server: a sweep has no status of its own to show attempts in, and the next sweep tries
 * again anyway.
 */
final class ReaperActivityOptions {

  private static final RetryOptions FEW_RETRIES =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setMaximumInterval(Duration.ofSeconds(20))
          .setMaximumAttempts(5)
          .build();

  /** A page of namespaces and a describe per namespace, or a visibility scan. */
  static final ActivityOptions SURVEY =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(5))
          .setRetryOptions(FEW_RETRIES)
          .build();

  /** The re-check before a teardown: two reads. */
  static final ActivityOptions CHECK =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(60))
          .setRetryOptions(FEW_RETRIES)
          .build();

  /** Dropping a database (ending its sessions first). */
  static final ActivityOptions DROP_DATABASE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(3))
          .setHeartbeatTimeout(Duration.ofSeconds(20))
          .setRetryOptions(FEW_RETRIES)
          .build();

  /** Deleting a namespace waits, heartbeating, until it is gone (at most the deletion patience). */
  static final ActivityOptions DELETE_NAMESPACE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(45))
          .setHeartbeatTimeout(Duration.ofSeconds(30))
          .setRetryOptions(FEW_RETRIES)
          .build();

  static final LocalActivityOptions SETTINGS =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build())
          .build();

  private ReaperActivityOptions() {}
}
