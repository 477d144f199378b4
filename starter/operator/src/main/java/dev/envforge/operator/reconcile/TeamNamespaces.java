package dev.envforge.operator.reconcile;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/**
 * Which team a namespace of the management cluster belongs to: the label the platform's admins set
 * on it. A resource's own fields never decide its team, so that RBAC on the team's namespace is the
 * whole authorisation.
 */
public class TeamNamespaces {

  private final KubernetesClient client;
  private final String teamLabel;

  public TeamNamespaces(KubernetesClient client, String teamLabel) {
    this.client = client;
    this.teamLabel = teamLabel;
  }

  public String teamLabel() {
    return teamLabel;
  }

  /** The namespace's team, or empty if it has no such label (or is gone). */
  public Optional<String> teamOf(String namespace) {
    Namespace found = client.namespaces().withName(namespace).get();
    if (found == null || found.getMetadata().getLabels() == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(found.getMetadata().getLabels().get(teamLabel))
        .filter(team -> !team.isBlank());
  }
}
