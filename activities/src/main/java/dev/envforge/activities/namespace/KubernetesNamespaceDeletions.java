package dev.envforge.activities.namespace;

import dev.envforge.activities.kubernetes.ClusterClients;
import dev.envforge.activities.temporal.Heartbeat;
import dev.envforge.activities.temporal.PatientPoller;
import dev.envforge.workflows.activities.NamespaceSpec;
import dev.envforge.workflows.reaper.DeletionWatch;
import dev.envforge.workflows.reaper.NamespaceDeletionActivities;
import dev.envforge.workflows.reaper.StuckNamespace;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Namespace deletion in two halves for the reaper: the request, a short call that any number of
 * teardowns make one after the other, and one wait per sweep and cluster for all of them. The
 * request behaves as {@link KubernetesNamespaceActivities#deleteNamespace} does before it waits.
 */
public final class KubernetesNamespaceDeletions implements NamespaceDeletionActivities {

  private final ClusterClients clients;
  private final PatientPoller poller;

  public KubernetesNamespaceDeletions(
      ClusterClients clients, NamespaceSettings settings, Heartbeat heartbeat) {
    this(
        clients,
        settings.deletionPatience(),
        KubernetesNamespaceActivities.DELETION_POLL_INTERVAL,
        heartbeat);
  }

  KubernetesNamespaceDeletions(
      ClusterClients clients, Duration patience, Duration pollInterval, Heartbeat heartbeat) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.poller = new PatientPoller(patience, pollInterval, heartbeat);
  }

  @Override
  public void requestNamespaceDeletion(NamespaceSpec spec) {
    NamespaceDeletion.request(clients.forCluster(spec.cluster()), spec);
  }

  @Override
  public List<StuckNamespace> awaitNamespacesGone(DeletionWatch watch) {
    TerminatingNamespaces namespaces =
        new TerminatingNamespaces(
            clients.forCluster(watch.clusterRef()), watch.cluster(), watch.namespaces());
    return poller.awaitOrElse(
        "waiting for namespaces of cluster " + watch.cluster() + " to be deleted",
        namespaces::look,
        lastProgress -> namespaces.stuck(poller.patience()));
  }
}
