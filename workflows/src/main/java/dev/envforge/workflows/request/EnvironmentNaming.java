package dev.envforge.workflows.request;

import java.util.Locale;
import java.util.Optional;

/** Every name envforge derives from a team and an environment name. Pure. */
public final class EnvironmentNaming {

  /** The app-facing connection Secret in every environment namespace that has a database. */
  public static final String CONNECTION_SECRET_NAME = "envforge-database";

  private static final String WORKFLOW_ID_PREFIX = "environment/";

  private static final int POSTGRES_MAX_IDENTIFIER = 63;

  private EnvironmentNaming() {}

  /** An environment's team and name, as its workflow id carries them. */
  public record TeamAndName(String team, String name) {

    public String environmentId() {
      return EnvironmentNaming.environmentId(team, name);
    }
  }

  public static String workflowId(String team, String name) {
    return WORKFLOW_ID_PREFIX + team + "/" + name;
  }

  /**
   * The team and name in a workflow id that {@link #workflowId} made; empty for any other id. The
   * team is a DNS-1123 label, so the first '/' after the prefix ends it.
   */
  public static Optional<TeamAndName> parseWorkflowId(String workflowId) {
    if (workflowId == null || !workflowId.startsWith(WORKFLOW_ID_PREFIX)) {
      return Optional.empty();
    }
    String rest = workflowId.substring(WORKFLOW_ID_PREFIX.length());
    int slash = rest.indexOf('/');
    return slash < 0
        ? Optional.empty()
        : Optional.of(new TeamAndName(rest.substring(0, slash), rest.substring(slash + 1)));
  }

  public static String environmentId(String team, String name) {
    return team + "-" + name;
  }

  public static String namespace(String prefix, String team, String name) {
    return prefix + environmentId(team, name);
  }

  /**
   * The Postgres database and its owner role share one name: the namespace with '-' turned into
   * '_', so it needs no quoting in tools and stays within Postgres' 63-byte identifiers.
   */
  public static String postgresName(String namespace) {
    String name = namespace.toLowerCase(Locale.ROOT).replace('-', '_');
    if (!Character.isLetter(name.charAt(0))) {
      name = "env_" + name;
    }
    return name.length() > POSTGRES_MAX_IDENTIFIER
        ? name.substring(0, POSTGRES_MAX_IDENTIFIER)
        : name;
  }

  /** The Crossplane composite of a dedicated cluster; cluster-scoped, so it carries the id. */
  public static String dedicatedClusterName(String environmentId) {
    return "envforge-" + environmentId;
  }
}
