package dev.envforge.workflows.request;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The capabilities an environment gets when its request names none, per profile. Nothing is given
 * by default: a capability needs its provider (Dapr's CRDs) on the cluster, which only the platform
 * team can promise.
 *
 * @param byProfile the profiles that get capabilities by default; absent profiles get none
 */
public record CapabilityDefaults(Map<Profile, List<Capability>> byProfile) {

  public CapabilityDefaults {
    Map<Profile, List<Capability>> copy = new EnumMap<>(Profile.class);
    if (byProfile != null) {
      byProfile.forEach(
          (profile, capabilities) ->
              copy.put(profile, capabilities == null ? List.of() : List.copyOf(capabilities)));
    }
    byProfile = Map.copyOf(copy);
  }

  public static CapabilityDefaults none() {
    return new CapabilityDefaults(Map.of());
  }

  /** The profile's defaults, as configured. */
  public List<Capability> forProfile(Profile profile) {
    return byProfile.getOrDefault(profile, List.of());
  }
}
