package dev.envforge.activities.crossplane.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Database engines a composite database can run; the XRD enumerates the same values. */
public enum DatabaseEngine {
  @JsonProperty("postgres")
  POSTGRES
}
