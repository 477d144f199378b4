package dev.envforge.workflows.lifecycle;

import dev.envforge.workflows.request.ClusterMode;
import dev.envforge.workflows.request.EnvironmentRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Which requests wait for an approval before anything is made, and how long they wait. Pure; the
 * worker hands it to each run once, so a run decides with the policy it started under.
 *
 * <p>A team's own setting wins. Otherwise a request needs approval if the global setting, its
 * profile's setting, or (for a dedicated cluster) {@code dedicatedClusters} says so.
 *
 * @param required whether every request needs approval
 * @param dedicatedClusters whether requests for a dedicated cluster need approval
 * @param profiles per profile (lower-case name): whether its requests need approval
 * @param teams per team: whether its requests need approval, beating every other setting
 * @param selfApprovalAllowed whether the caller who asked may also approve
 * @param timeout how long a request waits for a decision before it ends REJECTED
 */
public record ApprovalPolicy(
    boolean required,
    boolean dedicatedClusters,
    Map<String, Boolean> profiles,
    Map<String, Boolean> teams,
    boolean selfApprovalAllowed,
    Duration timeout) {

  /** Waiting longer than this is a forgotten request, not a pending one. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(24);

  public ApprovalPolicy {
    profiles = profiles == null ? Map.of() : Map.copyOf(profiles);
    teams = teams == null ? Map.of() : Map.copyOf(teams);
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the approval timeout must be positive, not " + timeout);
    }
  }

  /** No request needs approval. */
  public static ApprovalPolicy none() {
    return new ApprovalPolicy(false, false, Map.of(), Map.of(), false, DEFAULT_TIMEOUT);
  }

  public boolean requires(EnvironmentRequest request) {
    Boolean team = teams.get(request.team());
    if (team != null) {
      return team;
    }
    boolean dedicated =
        request.cluster() != null && request.cluster().mode() == ClusterMode.DEDICATED;
    return required
        || (dedicated && dedicatedClusters)
        || (request.profile() != null
            && Boolean.TRUE.equals(
                profiles.get(request.profile().name().toLowerCase(Locale.ROOT))));
  }
}
