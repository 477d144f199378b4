package dev.envforge.workflows.environment;

import dev.envforge.workflows.lifecycle.SleepState;
import java.util.Locale;

/** Renders the status as the Markdown the Temporal UI shows as the run's current details. */
final class EnvironmentDetails {

  private EnvironmentDetails() {}

  static String render(EnvironmentStatus status) {
    StringBuilder text = new StringBuilder();
    text.append("**").append(status.phase()).append("**");
    if (status.expiresAt() != null) {
      text.append(status.expiring() ? " — expiring at " : " — expires at ")
          .append(status.expiresAt());
    }
    text.append("\n\n| step | state | attempts | last error |\n|---|---|---|---|\n");
    for (StepState step : status.steps()) {
      text.append("| ")
          .append(step.step().name().toLowerCase(Locale.ROOT))
          .append(" | ")
          .append(step.status().name().toLowerCase(Locale.ROOT))
          .append(" | ")
          .append(step.attempts())
          .append(" | ")
          .append(step.lastError() == null ? "" : step.lastError().replace('|', '/'))
          .append(" |\n");
    }
    if (status.outputs() != null && status.outputs().namespace() != null) {
      text.append("\nnamespace `").append(status.outputs().namespace()).append('`');
      if (status.outputs().cluster() != null) {
        text.append(" on cluster `").append(status.outputs().cluster()).append('`');
      }
      if (status.outputs().secretName() != null) {
        text.append(", connection Secret `").append(status.outputs().secretName()).append('`');
      }
      if (status.outputs().components() != null && !status.outputs().components().isEmpty()) {
        text.append(", Dapr components");
        status.outputs().components().forEach(c -> text.append(" `").append(c.name()).append('`'));
      }
      text.append('\n');
    }
    ExpiryWarning warning = status.warning();
    if (warning != null) {
      text.append("\nexpiry warning ")
          .append(warning.number())
          .append(" at ")
          .append(warning.warnedAt())
          .append(": event ")
          .append(warning.event().name().toLowerCase(Locale.ROOT))
          .append(", webhook ")
          .append(warning.webhook().name().toLowerCase(Locale.ROOT))
          .append('\n');
    }
    if (status.approval() != null) {
      text.append("\napproval ")
          .append(status.approval().outcome().name().toLowerCase(Locale.ROOT))
          .append(": asked by ")
          .append(status.approval().requestedBy())
          .append(" at ")
          .append(status.approval().requestedAt());
      if (status.approval().decidedBy() != null) {
        text.append(", decided by ")
            .append(status.approval().decidedBy())
            .append(" at ")
            .append(status.approval().decidedAt());
      }
      text.append('\n');
    }
    if (status.sleep() != null) {
      SleepState sleep = status.sleep();
      if (sleep.changedAt() != null) {
        text.append(sleep.asleep() ? "\nasleep since " : "\nwoke at ")
            .append(sleep.changedAt())
            .append(" (")
            .append(sleep.changedBy())
            .append("): ")
            .append(sleep.workloads().size())
            .append(" workloads scaled");
        if (!sleep.leftAsIs().isEmpty()) {
          text.append(", left as they are: ").append(String.join(", ", sleep.leftAsIs()));
        }
        text.append('\n');
      }
      if (sleep.nextScheduledChange() != null) {
        text.append("\nnext scheduled change at ").append(sleep.nextScheduledChange()).append('\n');
      }
    }
    if (status.reason() != null) {
      text.append("\n").append(status.reason()).append('\n');
    }
    return text.toString();
  }
}
