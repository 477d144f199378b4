package dev.envforge.cli.output;

import dev.envforge.cli.HumanDurations;
import dev.envforge.client.Environment;
import dev.envforge.client.EnvironmentStep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The progress of a {@code --wait}: a heading with the phase, then one line per step with its
 * status, duration, attempts and last error. On a terminal the block is redrawn in place (and
 * running durations tick); in a pipe a line is printed when a step's state changes, without the
 * running clock so that it is printed once.
 */
public final class StepProgress implements AutoCloseable {

  private final LiveLines lines;
  private final Clock clock;
  private final boolean live;
  private final Instant began;
  private Environment last;

  public StepProgress(LiveLines lines, Clock clock, boolean live) {
    this.lines = lines;
    this.clock = clock;
    this.live = live;
    this.began = clock.instant();
  }

  public synchronized void update(Environment status) {
    last = status;
    lines.show(render(status));
  }

  /** Redraws with the clock moved on; a terminal calls this between events. */
  public synchronized void tick() {
    if (last != null && live) {
      lines.show(render(last));
    }
  }

  List<String> render(Environment status) {
    List<String> rendered = new ArrayList<>();
    String heading = status.ref() + "  " + status.phase();
    if (live) {
      heading += "  " + HumanDurations.format(Duration.between(began, clock.instant()));
    }
    rendered.add(heading);
    int width = 0;
    for (EnvironmentStep step : status.steps()) {
      width = Math.max(width, step.step().name().length());
    }
    for (EnvironmentStep step : status.steps()) {
      rendered.add(stepLine(step, width));
    }
    if (status.reason() != null) {
      rendered.add("  reason: " + status.reason());
    }
    return rendered;
  }

  private String stepLine(EnvironmentStep step, int width) {
    StringBuilder line = new StringBuilder("  ");
    line.append(String.format("%-" + width + "s  %-11s", step.step(), step.status()));
    String duration = duration(step);
    if (duration != null) {
      line.append("  ").append(duration);
    }
    if (step.attempts() > 1) {
      line.append("  attempts ").append(step.attempts());
    }
    if (step.lastError() != null) {
      line.append("  last error: ").append(step.lastError().replaceAll("\\p{Cntrl}+", " "));
    }
    return line.toString().stripTrailing();
  }

  private String duration(EnvironmentStep step) {
    if (step.durationMillis() != null) {
      return HumanDurations.format(Duration.ofMillis(step.durationMillis()));
    }
    if (live && step.startedAt() != null) {
      return HumanDurations.format(Duration.between(step.startedAt(), clock.instant()));
    }
    return null;
  }

  @Override
  public void close() {
    lines.close();
  }
}
