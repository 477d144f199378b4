package dev.envforge.workflows.settings;

import dev.envforge.workflows.request.Capability;
import dev.envforge.workflows.request.CapabilityDefaults;
import dev.envforge.workflows.request.Profile;
import dev.envforge.workflows.request.RequestLimits;
import java.util.List;
import java.util.Map;

/**
 * The settings the worker and the API must agree on, at the top of {@code envforge.*}. Both
 * applications bind this one record into their own settings, and both import the same configuration
 * file ({@code envforge-shared.yaml} in this module), so a value set once reaches both.
 *
 * <p>The task queue and the namespace prefix have their defaults in that file rather than here: the
 * worker's Temporal registration reads the task queue as a property, and an empty prefix is a valid
 * setting, so only the file can tell it from an unset one.
 *
 * <p>Spring binds this record through its constructor, so it must keep exactly one.
 *
 * @param taskQueue where environment workflows run: the API starts them there, workers poll it
 * @param namespacePrefix prepended to {@code <team>-<name>} to form the namespace (may be empty)
 * @param ttl the TTL policy and the expiry warning
 * @param codec payload encryption
 * @param capabilities per profile, the capabilities of a request that names none (none unless set)
 */
public record SharedProperties(
    String taskQueue,
    String namespacePrefix,
    TtlProperties ttl,
    CodecProperties codec,
    Map<Profile, List<Capability>> capabilities) {

  public SharedProperties {
    if (taskQueue == null || taskQueue.isBlank()) {
      throw new IllegalArgumentException("envforge.task-queue is not set");
    }
    if (namespacePrefix == null) {
      throw new IllegalArgumentException("envforge.namespace-prefix is not set");
    }
    ttl = ttl == null ? new TtlProperties() : ttl;
    codec = codec == null ? CodecProperties.disabled() : codec;
    capabilities = capabilities == null ? Map.of() : Map.copyOf(capabilities);
  }

  /** The capabilities per profile of a request that names none. */
  public CapabilityDefaults capabilityDefaults() {
    return new CapabilityDefaults(capabilities);
  }

  /** What a request is checked against, by the API first and by the workflow again. */
  public RequestLimits requestLimits() {
    return new RequestLimits(namespacePrefix, ttl.policy(), capabilityDefaults());
  }
}
