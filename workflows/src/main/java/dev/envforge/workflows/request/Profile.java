package dev.envforge.workflows.request;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Size class of an environment; the worker's configuration maps each to quota and limits. */
public enum Profile {
  @JsonProperty("small")
  SMALL,
  @JsonProperty("medium")
  MEDIUM,
  @JsonProperty("large")
  LARGE
}
