package dev.envforge.activities.crossplane.model;

/** The API group and version envforge's composite resources are served under. */
public final class PlatformApi {

  public static final String GROUP = "platform.envforge.dev";
  public static final String VERSION = "v1alpha1";

  private PlatformApi() {}
}
