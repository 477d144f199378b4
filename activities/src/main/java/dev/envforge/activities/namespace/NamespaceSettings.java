package dev.envforge.activities.namespace;

import dev.envforge.workflows.request.Profile;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How environment namespaces are sized and who may work in them.
 *
 * @param profiles quota and container defaults per profile; profiles left out get the defaults
 * @param teamGroupFormat the group bound in each namespace, with {@code {team}} replaced by the
 *     environment's team (e.g. {@code "oidc:{team}-developers"}); default {@code "{team}"}
 * @param teamClusterRole the ClusterRole that group is bound to inside the namespace; default
 *     {@code "edit"}
 * @param deletionPatience how long a deleted namespace may stay Terminating before teardown reports
 *     it as stuck; default 5 minutes
 */
public record NamespaceSettings(
    Map<Profile, ProfileSizes> profiles,
    String teamGroupFormat,
    String teamClusterRole,
    Duration deletionPatience) {

  public static final String TEAM_PLACEHOLDER = "{team}";
  public static final String DEFAULT_TEAM_GROUP_FORMAT = TEAM_PLACEHOLDER;
  public static final String DEFAULT_TEAM_CLUSTER_ROLE = "edit";
  public static final Duration DEFAULT_DELETION_PATIENCE = Duration.ofMinutes(5);

  public NamespaceSettings {
    Map<Profile, ProfileSizes> complete = new EnumMap<>(defaultProfiles());
    if (profiles != null) {
      complete.putAll(profiles);
    }
    profiles = Map.copyOf(complete);
    teamGroupFormat =
        teamGroupFormat == null || teamGroupFormat.isBlank()
            ? DEFAULT_TEAM_GROUP_FORMAT
            : teamGroupFormat;
    teamClusterRole =
        teamClusterRole == null || teamClusterRole.isBlank()
            ? DEFAULT_TEAM_CLUSTER_ROLE
            : teamClusterRole;
    deletionPatience = deletionPatience == null ? DEFAULT_DELETION_PATIENCE : deletionPatience;
    if (deletionPatience.isNegative() || deletionPatience.isZero()) {
      throw new IllegalArgumentException(
          "deletionPatience must be positive, was " + deletionPatience);
    }
  }

  public static NamespaceSettings defaults() {
    return new NamespaceSettings(null, null, null, null);
  }

  public ProfileSizes sizes(Profile profile) {
    return profiles.get(profile);
  }

  /** The group name bound for a team, from {@link #teamGroupFormat}. */
  public String teamGroup(String team) {
    return teamGroupFormat.replace(TEAM_PLACEHOLDER, team);
  }

  public NamespaceSettings withDeletionPatience(Duration patience) {
    return new NamespaceSettings(profiles, teamGroupFormat, teamClusterRole, patience);
  }

  /**
   * Room for a service or two with a database client in SMALL, a handful of services in MEDIUM, a
   * whole product slice in LARGE. Container defaults stay modest so that a namespace fits many
   * unconfigured pods.
   */
  public static Map<Profile, ProfileSizes> defaultProfiles() {
    Map<Profile, ProfileSizes> profiles = new EnumMap<>(Profile.class);
    profiles.put(
        Profile.SMALL,
        new ProfileSizes("1", "2Gi", "2", "4Gi", 10, 5, "10Gi", "100m", "128Mi", "500m", "512Mi"));
    profiles.put(
        Profile.MEDIUM,
        new ProfileSizes("2", "4Gi", "4", "8Gi", 20, 10, "50Gi", "250m", "256Mi", "1", "1Gi"));
    profiles.put(
        Profile.LARGE,
        new ProfileSizes("4", "8Gi", "8", "16Gi", 40, 20, "100Gi", "500m", "512Mi", "2", "2Gi"));
    return profiles;
  }
}
