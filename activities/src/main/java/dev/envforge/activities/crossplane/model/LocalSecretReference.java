package dev.envforge.activities.crossplane.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A Secret in the composite's own namespace: where a namespaced composite writes its connection.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LocalSecretReference(@JsonProperty(value = "name", required = true) String name) {}
