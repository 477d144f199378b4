package dev.envforge.cli.commands;

import dev.envforge.cli.CliContext;
import dev.envforge.cli.CliFailure;
import dev.envforge.cli.EnvironmentRef;
import dev.envforge.cli.ExitCodes;
import dev.envforge.cli.output.OutputFormat;
import dev.envforge.cli.output.StepProgress;
import dev.envforge.client.Environment;
import dev.envforge.workflows.environment.Phase;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Follows an environment's events with a live step display until it reaches a phase. */
final class Waits {

  private Waits() {}

  /**
   * @return the exit code: OK when the environment reached one of {@code wanted}
   * @throws CliFailure with {@link ExitCodes#FAILED} when it FAILED instead
   */
  /**
   * Prints {@code answer} when not asked to wait; otherwise follows the environment until {@code
   * settled} and, for a machine-readable format, prints where it ended (the table form has shown
   * the progress already).
   */
  static int printOrFollow(
      CliContext context,
      EnvironmentRef environment,
      Environment answer,
      Phase settled,
      WaitOptions waiting,
      OutputFormat format) {
    if (!waiting.wait) {
      context.printer().environment(answer, format);
      return ExitCodes.OK;
    }
    boolean document = format != OutputFormat.table;
    int code =
        follow(
            context,
            environment.team(),
            environment.name(),
            Set.of(settled),
            waiting.timeout,
            document);
    if (document) {
      context
          .printer()
          .environment(context.client().get(environment.team(), environment.name()), format);
    }
    return code;
  }

  static int follow(
      CliContext context,
      String team,
      String name,
      Set<Phase> wanted,
      Duration timeout,
      boolean progressToStandardError) {
    Environment reached;
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "envforge-progress");
              thread.setDaemon(true);
              return thread;
            });
    try (StepProgress progress = context.progress(progressToStandardError)) {
      ticker.scheduleAtFixedRate(progress::tick, 250, 250, TimeUnit.MILLISECONDS);
      reached =
          context
              .client()
              .follow(
                  team,
                  name,
                  // A stale READY before teardown begins does not end a wait for DESTROYED.
                  status -> wanted.contains(status.phase()) || status.phase().terminal(),
                  timeout,
                  progress::update);
    } finally {
      ticker.shutdownNow();
    }
    if (wanted.contains(reached.phase())) {
      return ExitCodes.OK;
    }
    if (reached.phase() == Phase.FAILED || reached.phase() == Phase.REJECTED) {
      throw new CliFailure(
          ExitCodes.FAILED,
          reached.ref()
              + " "
              + reached.phase()
              + (reached.reason() == null ? "" : ": " + reached.reason()));
    }
    throw new CliFailure(
        ExitCodes.CONFLICT, reached.ref() + " ended " + reached.phase() + ", not " + wanted);
  }
}
