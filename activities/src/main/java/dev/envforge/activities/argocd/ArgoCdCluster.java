package dev.envforge.activities.argocd;

/**
 * A cluster as an Argo CD cluster Secret describes it. Holds credentials: never log it, never put
 * it in an exception or a workflow payload; {@link #toString} names the server only.
 *
 * @param server the API server's URL
 * @param config Argo CD's cluster config, JSON (bearer token, TLS client data, exec provider)
 */
record ArgoCdCluster(String server, String config) {

  @Override
  public String toString() {
    return "ArgoCdCluster[server=" + server + ", config=<redacted>]";
  }
}
