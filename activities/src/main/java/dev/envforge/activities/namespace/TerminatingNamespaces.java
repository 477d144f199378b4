package dev.envforge.activities.namespace;

import dev.envforge.activities.kubernetes.KubernetesFailures;
import dev.envforge.activities.temporal.PatientPoller.Probe;
import dev.envforge.workflows.reaper.RequestedDeletion;
import dev.envforge.workflows.reaper.StuckNamespace;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The namespaces of one cluster whose deletion was requested, looked at all at once: one list of
 * the cluster's terminating namespaces per look, however many are waited for, instead of one read
 * each. A namespace is gone once it is no longer in that list under its uid: deleted, made again
 * under its name, or never deleted because it was not the environment's own (as a single deletion
 * does not wait for those either).
 */
final class TerminatingNamespaces {

  /** Namespaces per list call: keeps each answer small however many are terminating. */
  static final long PAGE_SIZE = 500;

  private final KubernetesClient client;
  private final String cluster;
  private final int total;

  /** Name to uid of those still there, sorted so that reports read the same every time. */
  private final Map<String, String> waitingFor = new TreeMap<>();

  private final Map<String, Namespace> lastSeen = new HashMap<>();

  TerminatingNamespaces(KubernetesClient client, String cluster, List<RequestedDeletion> deleted) {
    this.client = client;
    this.cluster = cluster;
    deleted.forEach(d -> waitingFor.put(d.namespace(), d.uid()));
    this.total = waitingFor.size();
  }

  /** Done once all are gone; advanced when some went since the last look. */
  Probe<List<StuckNamespace>> look() {
    Map<String, Namespace> terminating = listTerminating();
    int before = waitingFor.size();
    waitingFor
        .entrySet()
        .removeIf(
            entry -> NamespaceDeletion.gone(terminating.get(entry.getKey()), entry.getValue()));
    lastSeen.clear();
    waitingFor.keySet().forEach(name -> lastSeen.put(name, terminating.get(name)));
    if (waitingFor.isEmpty()) {
      return Probe.done(List.of());
    }
    String first = waitingFor.keySet().iterator().next();
    String progress =
        waitingFor.size()
            + " of "
            + total
            + " still terminating, "
            + first
            + " with "
            + NamespaceDeletion.whatKeepsIt(lastSeen.get(first));
    return waitingFor.size() < before ? Probe.advanced(progress) : Probe.pending(progress);
  }

  /** Those still there, each with what keeps it. */
  List<StuckNamespace> stuck(Duration patience) {
    List<StuckNamespace> stuck = new ArrayList<>();
    waitingFor
        .keySet()
        .forEach(
            name ->
                stuck.add(
                    new StuckNamespace(
                        name,
                        "namespace "
                            + name
                            + " is still terminating: none of the "
                            + waitingFor.size()
                            + " namespaces left of "
                            + total
                            + " on cluster "
                            + cluster
                            + " went away in "
                            + patience
                            + "; "
                            + NamespaceDeletion.whatKeepsIt(lastSeen.get(name)))));
    return stuck;
  }

  private Map<String, Namespace> listTerminating() {
    Map<String, Namespace> terminating = new HashMap<>();
    String token = null;
    do {
      String continueFrom = token;
      NamespaceList page =
          KubernetesFailures.call(
              "list terminating namespaces of cluster " + cluster,
              () ->
                  client
                      .namespaces()
                      .withField("status.phase", "Terminating")
                      .list(
                          new ListOptionsBuilder()
                              .withLimit(PAGE_SIZE)
                              .withContinue(continueFrom)
                              .build()));
      page.getItems().forEach(ns -> terminating.put(ns.getMetadata().getName(), ns));
      token = page.getMetadata() == null ? null : page.getMetadata().getContinue();
    } while (token != null && !token.isEmpty());
    return terminating;
  }
}
