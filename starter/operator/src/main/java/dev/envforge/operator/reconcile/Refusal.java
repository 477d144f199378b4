package dev.envforge.operator.reconcile;

/**
 * Why a resource was not acted on, as its {@code Failed} condition says it: a CamelCase reason and
 * one sentence for people.
 */
public record Refusal(String reason, String message) {

  /** The namespace carries no team label: nobody has said which team acts there. */
  public static final String NAMESPACE_NOT_TEAM = "NamespaceHasNoTeam";

  /** {@code spec.team} names another team than the namespace's. */
  public static final String OTHER_TEAM = "OtherTeam";

  /** The spec breaks a rule the API enforces too (names, TTL policy, enumerations). */
  public static final String INVALID_SPEC = "InvalidSpec";

  /** The environment is live with a different spec, started through the API or elsewhere. */
  public static final String CONFLICT = "Conflict";

  /** The team is at its limit of live environments. */
  public static final String TEAM_LIMIT = "TeamLimitReached";

  /** The workflow ended FAILED; its reason follows. */
  public static final String ENVIRONMENT_FAILED = "EnvironmentFailed";

  /**
   * Refusals that are settled before anything is started, so deleting the resource has nothing of
   * its own to destroy.
   */
  public boolean beforeStart() {
    return !ENVIRONMENT_FAILED.equals(reason);
  }
}
