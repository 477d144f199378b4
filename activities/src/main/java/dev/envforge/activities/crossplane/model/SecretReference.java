package dev.envforge.activities.crossplane.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A Secret anywhere in the cluster: where a cluster-scoped composite writes its connection. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SecretReference(
    @JsonProperty(value = "name", required = true) String name,
    @JsonProperty(value = "namespace", required = true) String namespace) {}
