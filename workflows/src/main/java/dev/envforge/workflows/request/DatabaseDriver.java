package dev.envforge.workflows.request;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a Postgres database is made. */
public enum DatabaseDriver {
  /** A role and a database on the configured Postgres server, made over its admin connection. */
  @JsonProperty("direct")
  DIRECT,
  /** A Crossplane composite {@code Database} in the environment's namespace. */
  @JsonProperty("crossplane")
  CROSSPLANE
}
