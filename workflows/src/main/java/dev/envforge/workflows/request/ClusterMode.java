package dev.envforge.workflows.request;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where an environment's namespace lives. */
public enum ClusterMode {
  /** A cluster from the registry of shared clusters. */
  @JsonProperty("shared")
  SHARED,
  /** A cluster of its own, created as a Crossplane composite and deleted on teardown. */
  @JsonProperty("dedicated")
  DEDICATED
}
