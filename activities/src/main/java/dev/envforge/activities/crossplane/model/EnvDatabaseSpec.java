package dev.envforge.activities.crossplane.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What envforge asks of a composite database: the engine and its major version, the storage, and
 * the names of the database and its owning role as envforge derived them from the environment.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record EnvDatabaseSpec(
    @JsonProperty(value = "engine", required = true) DatabaseEngine engine,
    @JsonProperty(value = "version", required = true) String version,
    @JsonProperty(value = "storageGB", required = true) Integer storageGB,
    @JsonProperty(value = "databaseName", required = true) String databaseName,
    @JsonProperty(value = "username", required = true) String username,
    @JsonProperty(value = "writeConnectionSecretToRef", required = true)
        LocalSecretReference writeConnectionSecretToRef) {}
