package dev.envforge.activities.notification;

import dev.envforge.activities.kubernetes.ClusterClients;
import dev.envforge.activities.kubernetes.KubernetesFailures;
import dev.envforge.workflows.activities.ExpiryWarningNotice;
import dev.envforge.workflows.failure.EnvironmentFailure;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Creates the expiry warning Event on the environment's namespace, once. */
public final class KubernetesExpiryEvents {

  private static final int CONFLICT = 409;

  private final ClusterClients clients;
  private final String reportingInstance;

  /**
   * @param reportingInstance which worker reports the Event (e.g. its host name)
   */
  public KubernetesExpiryEvents(ClusterClients clients, String reportingInstance) {
    this.clients = clients;
    this.reportingInstance = reportingInstance;
  }

  /** Creates the Event, or finds the one an earlier attempt created; returns its name. */
  public String record(ExpiryWarningNotice notice) {
    KubernetesClient client = clients.forCluster(notice.cluster());
    String name = ExpiryEvents.name(notice);
    Namespace namespace =
        KubernetesFailures.call(
            "read namespace " + notice.namespace(),
            () -> client.namespaces().withName(notice.namespace()).get());
    if (namespace == null || namespace.getMetadata().getDeletionTimestamp() != null) {
      // Nothing to warn on; the environment's own teardown or the reaper deals with the rest.
      throw EnvironmentFailure.UNEXPECTED.failure(
          "namespace " + notice.namespace() + " is gone; no expiry Event was recorded");
    }
    Event desired =
        ExpiryEvents.desired(notice, namespace.getMetadata().getUid(), reportingInstance);
    try {
      client.v1().events().inNamespace(notice.namespace()).resource(desired).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != CONFLICT) {
        throw KubernetesFailures.translate("create Event " + notice.namespace() + "/" + name, e);
      }
      // An earlier attempt made it: the same name means the same warning.
    }
    return name;
  }
}
