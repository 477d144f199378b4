package dev.envforge.workflows.activities;

import dev.envforge.workflows.request.Capability;

/**
 * A Dapr component an environment got, as an application addresses it.
 *
 * @param name the component's name in the namespace, which the application calls Dapr's API with
 * @param type the Dapr component type, such as {@code state.postgresql}
 * @param version the component type's version
 */
public record DaprComponent(Capability capability, String name, String type, String version) {}
