package dev.envforge.workflows.request;

/**
 * The requested placement. For {@link ClusterMode#SHARED} a {@code name} picks a cluster from the
 * registry and {@code null} means the registry's default; a dedicated cluster has no name.
 */
public record ClusterChoice(ClusterMode mode, String name) {

  public static ClusterChoice sharedDefault() {
    return new ClusterChoice(ClusterMode.SHARED, null);
  }

  public static ClusterChoice shared(String name) {
    return new ClusterChoice(ClusterMode.SHARED, name);
  }

  public static ClusterChoice dedicated() {
    return new ClusterChoice(ClusterMode.DEDICATED, null);
  }
}
