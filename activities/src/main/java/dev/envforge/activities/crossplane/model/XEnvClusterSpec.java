package dev.envforge.activities.crossplane.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.envforge.workflows.request.Profile;

/**
 * What envforge asks of a dedicated cluster. {@code region} is optional: without it the Composition
 * picks one. Unknown fields are ignored on read because Crossplane adds its own machinery ({@code
 * compositionRef}, {@code resourceRefs}, ...) to every composite's spec.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record XEnvClusterSpec(
    @JsonProperty(value = "profile", required = true) Profile profile,
    @JsonProperty(value = "nodeCount", required = true) Integer nodeCount,
    @JsonProperty("region") String region,
    @JsonProperty(value = "writeConnectionSecretToRef", required = true)
        SecretReference writeConnectionSecretToRef) {}
