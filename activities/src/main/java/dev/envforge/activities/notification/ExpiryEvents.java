package dev.envforge.activities.notification;

import dev.envforge.activities.kubernetes.ManagedMetadata;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.activities.ExpiryWarningNotice;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The Kubernetes Event that warns of an environment's expiry, as data. Pure.
 *
 * <p>A core/v1 Event on a Namespace: the API server requires an Event's namespace to match its
 * involved object's, so both name the environment's namespace, and {@code kubectl get events -n
 * <namespace>} shows it. Its name is derived from the notice (namespace and expiry), so a retried
 * activity finds the Event it made instead of making a second one.
 */
public final class ExpiryEvents {

  public static final String REASON = "EnvironmentExpiring";
  public static final String TYPE = "Warning";
  public static final String COMPONENT = "envforge";
  public static final String ACTION = "Expire";

  private ExpiryEvents() {}

  /** {@code <namespace>.expiring-<expiry in epoch seconds>}: one Event per expiry. */
  public static String name(ExpiryWarningNotice notice) {
    return notice.namespace() + ".expiring-" + notice.expiresAt().getEpochSecond();
  }

  public static Event desired(
      ExpiryWarningNotice notice, String namespaceUid, String reportingInstance) {
    String time = DateTimeFormatter.ISO_INSTANT.format(notice.warnedAt());
    EnvironmentLabels owner =
        new EnvironmentLabels(
            notice.environmentId(), notice.team(), notice.workflowId(), notice.expiresAt());
    return new EventBuilder()
        .withNewMetadata()
        .withName(name(notice))
        .withNamespace(notice.namespace())
        .withLabels(ManagedMetadata.labels(owner))
        .withAnnotations(ManagedMetadata.annotations(owner))
        .endMetadata()
        .withNewInvolvedObject()
        .withApiVersion("v1")
        .withKind("Namespace")
        .withName(notice.namespace())
        .withNamespace(notice.namespace())
        .withUid(namespaceUid)
        .endInvolvedObject()
        .withType(TYPE)
        .withReason(REASON)
        .withAction(ACTION)
        .withMessage(message(notice))
        .withNewSource()
        .withComponent(COMPONENT)
        .endSource()
        .withReportingComponent(COMPONENT)
        .withReportingInstance(reportingInstance)
        .withFirstTimestamp(time)
        .withLastTimestamp(time)
        .withCount(1)
        .build();
  }

  static String message(ExpiryWarningNotice notice) {
    return "Environment "
        + notice.environmentId()
        + " expires at "
        + format(notice.expiresAt())
        + " and will then be torn down with everything in this namespace; extend it to keep it"
        + " longer.";
  }

  private static String format(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }
}
