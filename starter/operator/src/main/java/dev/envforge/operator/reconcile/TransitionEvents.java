package dev.envforge.operator.reconcile;

import dev.envforge.operator.resource.Environment;
import dev.envforge.operator.resource.EnvironmentState;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events on an {@code Environment} resource when one of its conditions turns: it became
 * ready, it failed or was refused, a spec change was refused. {@code kubectl describe} and event
 * exporters then tell the story without reading the status. Events are a courtesy: one that cannot
 * be written is logged and forgotten, never a reason to reconcile again.
 */
public class TransitionEvents {

  private static final Logger log = LoggerFactory.getLogger(TransitionEvents.class);
  private static final String COMPONENT = "envforge-operator";

  private final KubernetesClient client;

  public TransitionEvents(KubernetesClient client) {
    this.client = client;
  }

  /** Writes an Event for each condition that turned between the two statuses. */
  public void record(Environment resource, EnvironmentState before, EnvironmentState after) {
    turnedTo(before, after, Conditions.READY, "True")
        .ifPresent(c -> write(resource, "Normal", c.getReason(), c.getMessage()));
    turnedTo(before, after, Conditions.FAILED, "True")
        .ifPresent(c -> write(resource, "Warning", c.getReason(), c.getMessage()));
    turnedTo(before, after, Conditions.SPEC_APPLIED, "False")
        .ifPresent(c -> write(resource, "Warning", c.getReason(), c.getMessage()));
  }

  /**
   * The condition now, if it has the given status now and did not before (or with another reason).
   */
  private static Optional<Condition> turnedTo(
      EnvironmentState before, EnvironmentState after, String type, String status) {
    Optional<Condition> now =
        after == null
            ? Optional.empty()
            : after.condition(type).filter(c -> status.equals(c.getStatus()));
    if (now.isEmpty()) {
      return Optional.empty();
    }
    Optional<Condition> was =
        before == null
            ? Optional.empty()
            : before
                .condition(type)
                .filter(c -> status.equals(c.getStatus()))
                .filter(c -> now.get().getReason().equals(c.getReason()));
    return was.isPresent() ? Optional.empty() : now;
  }

  private void write(Environment resource, String type, String reason, String message) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withGenerateName(resource.getMetadata().getName() + ".")
            .withNamespace(resource.getMetadata().getNamespace())
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion(resource.getApiVersion())
            .withKind(resource.getKind())
            .withName(resource.getMetadata().getName())
            .withNamespace(resource.getMetadata().getNamespace())
            .withUid(resource.getMetadata().getUid())
            .endInvolvedObject()
            .withType(type)
            .withReason(reason)
            .withMessage(message)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent(COMPONENT)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .build();
    try {
      client
          .v1()
          .events()
          .inNamespace(resource.getMetadata().getNamespace())
          .resource(event)
          .create();
    } catch (KubernetesClientException e) {
      log.warn(
          "cannot record the event {} on {}/{}: {}",
          reason,
          resource.getMetadata().getNamespace(),
          resource.getMetadata().getName(),
          e.getMessage());
    }
  }
}
