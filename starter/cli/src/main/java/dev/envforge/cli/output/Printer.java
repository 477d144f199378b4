package dev.envforge.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.envforge.cli.HumanDurations;
import dev.envforge.client.EnvforgeClient;
import dev.envforge.client.Environment;
import dev.envforge.client.EnvironmentListItem;
import dev.envforge.client.EnvironmentStep;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Prints environments in the chosen {@link OutputFormat}. */
public final class Printer {

  private static final ObjectMapper JSON =
      EnvforgeClient.objectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper YAML =
      new ObjectMapper(
              YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build())
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final PrintWriter out;
  private final Clock clock;

  public Printer(PrintWriter out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  public void environment(Environment environment, OutputFormat format) {
    switch (format) {
      case json -> structured(JSON, environment);
      case yaml -> structured(YAML, environment);
      case name -> out.println(environment.ref());
      case table -> environmentDetails(environment).forEach(out::println);
    }
    out.flush();
  }

  public void list(List<EnvironmentListItem> items, OutputFormat format) {
    switch (format) {
      case json -> structured(JSON, items);
      case yaml -> structured(YAML, items);
      case name -> items.forEach(item -> out.println(item.ref()));
      case table -> listTable(items).forEach(out::println);
    }
    out.flush();
  }

  /** One JSON document on one line, for streams of statuses (NDJSON). */
  public void jsonLine(Object value) {
    try {
      out.println(EnvforgeClient.objectMapper().writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
    out.flush();
  }

  public List<String> listTable(List<EnvironmentListItem> items) {
    Table table = new Table("ENVIRONMENT", "PHASE", "CLUSTER", "EXPIRES IN", "AGE");
    for (EnvironmentListItem item : items) {
      table.row(
          item.ref(), item.phase(), item.cluster(), until(item.expiresAt()), age(item.startedAt()));
    }
    return table.lines();
  }

  public List<String> environmentDetails(Environment environment) {
    List<String> lines = new ArrayList<>();
    Table fields = new Table("ENVIRONMENT", environment.ref());
    fields.row("PHASE", environment.phase());
    fields.row("CLUSTER", environment.cluster());
    fields.row("NAMESPACE", environment.namespace());
    if (environment.secretName() != null) {
      fields.row("SECRET", environment.secretName());
      fields.row("DATABASE", database(environment));
    }
    if (!environment.components().isEmpty()) {
      // What an application addresses Dapr with: the component's name, then its type.
      fields.row(
          "DAPR",
          environment.components().stream()
              .map(component -> component.name() + " (" + component.type() + ")")
              .collect(java.util.stream.Collectors.joining(", ")));
    }
    fields.row("CREATED", age(environment.createdAt()) + " ago");
    fields.row(
        "EXPIRES",
        environment.keep()
            ? "never (kept)"
            : environment.expiresAt() == null
                ? null
                : environment.expiresAt() + " (in " + until(environment.expiresAt()) + ")");
    if (environment.reason() != null) {
      fields.row("REASON", environment.reason());
    }
    if (environment.approval() != null) {
      fields.row("APPROVAL", approval(environment.approval()));
    }
    if (environment.sleep() != null && environment.sleep().changedAt() != null) {
      fields.row("SLEEP", sleep(environment.sleep()));
    }
    fields.row("TEMPORAL UI", environment.temporalUiUrl());
    lines.addAll(fields.lines());
    if (!environment.steps().isEmpty()) {
      lines.add("");
      lines.addAll(stepTable(environment.steps()));
    }
    return lines;
  }

  public List<String> stepTable(List<EnvironmentStep> steps) {
    Table table = new Table("STEP", "STATUS", "DURATION", "ATTEMPTS", "LAST ERROR");
    for (EnvironmentStep step : steps) {
      table.row(step.step(), step.status(), stepDuration(step), step.attempts(), step.lastError());
    }
    return table.lines();
  }

  /** How long a step took, or has run so far. */
  public String stepDuration(EnvironmentStep step) {
    if (step.durationMillis() != null) {
      return HumanDurations.format(Duration.ofMillis(step.durationMillis()));
    }
    if (step.startedAt() != null) {
      return HumanDurations.format(Duration.between(step.startedAt(), clock.instant()));
    }
    return null;
  }

  private static String database(Environment environment) {
    if (environment.databaseName() == null) {
      return null;
    }
    return environment.databaseName()
        + (environment.databaseHost() == null
            ? ""
            : " on " + environment.databaseHost() + ":" + environment.databasePort());
  }

  private String until(Instant instant) {
    if (instant == null) {
      return null;
    }
    Duration left = Duration.between(clock.instant(), instant);
    return left.isNegative() ? "expired" : HumanDurations.format(left);
  }

  private String age(Instant instant) {
    return instant == null
        ? null
        : HumanDurations.format(Duration.between(instant, clock.instant()));
  }

  private void structured(ObjectMapper mapper, Object value) {
    try {
      String text = mapper.writeValueAsString(value);
      out.println(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  private static String approval(dev.envforge.workflows.lifecycle.ApprovalState approval) {
    String asked = "asked by " + (approval.requestedBy() == null ? "?" : approval.requestedBy());
    return switch (approval.outcome()) {
      case PENDING -> "pending, " + asked + ", until " + approval.deadline();
      case APPROVED, REJECTED ->
          approval.outcome().name().toLowerCase(java.util.Locale.ROOT)
              + " by "
              + approval.decidedBy()
              + ", "
              + asked;
      default -> approval.outcome().name().toLowerCase(java.util.Locale.ROOT) + ", " + asked;
    };
  }

  private static String sleep(dev.envforge.workflows.lifecycle.SleepState sleep) {
    String text =
        (sleep.asleep() ? "asleep since " : "woke at ")
            + sleep.changedAt()
            + " by "
            + sleep.changedBy()
            + ", "
            + sleep.workloads().size()
            + " workloads";
    return sleep.leftAsIs().isEmpty()
        ? text
        : text + "; left as they are: " + String.join(", ", sleep.leftAsIs());
  }
}
