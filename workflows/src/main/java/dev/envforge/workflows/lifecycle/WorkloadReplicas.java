package dev.envforge.workflows.lifecycle;

/**
 * One Deployment or StatefulSet and its replica count: before sleep scaled it to zero, or as wake
 * restored it.
 *
 * @param kind {@code Deployment} or {@code StatefulSet}
 */
public record WorkloadReplicas(String kind, String name, int replicas) {

  @Override
  public String toString() {
    return kind + "/" + name + "=" + replicas;
  }
}
