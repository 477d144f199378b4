package dev.envforge.workflows.request;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * A platform capability an environment can ask for: a Dapr component in its namespace, so that an
 * application reaches the platform's services through Dapr's stable APIs instead of being told
 * where each one is.
 */
public enum Capability {
  /**
   * A Dapr state store on the environment's own Postgres database; its connection string is read
   * from the environment's connection Secret. Needs a database.
   */
  @JsonProperty("statestore")
  STATESTORE,
  /** Dapr's Kubernetes secret store, reading Secrets of the environment's namespace. */
  @JsonProperty("secretstore")
  SECRETSTORE;

  /** The name requests and settings use. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
