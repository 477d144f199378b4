package dev.envforge.workflows.request;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum DatabaseKind {
  @JsonProperty("none")
  NONE,
  @JsonProperty("postgres")
  POSTGRES
}
