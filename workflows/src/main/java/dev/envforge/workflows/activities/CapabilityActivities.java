package dev.envforge.workflows.activities;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/** The platform capabilities inside an environment: Dapr components, by server-side apply. */
@ActivityInterface
public interface CapabilityActivities {

  /**
   * Applies one Dapr {@code Component} per capability and deletes those of capabilities no longer
   * wanted. Fails with {@code CAPABILITY_CONFLICT} if a component of the same name belongs to
   * someone else, and with {@code CAPABILITY_UNAVAILABLE} if the cluster does not serve Dapr's
   * Component resource.
   */
  List<DaprComponent> applyDaprComponents(ComponentsSpec spec);

  /** Deletes the environment's components; NotFound (or no Dapr on the cluster) is done. */
  void deleteDaprComponents(ComponentsSpec spec);
}
