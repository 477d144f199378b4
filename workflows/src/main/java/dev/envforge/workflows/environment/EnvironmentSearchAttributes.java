package dev.envforge.workflows.environment;

import io.temporal.common.SearchAttributeKey;
import java.time.OffsetDateTime;

/** The search attributes that make environments findable in Temporal visibility and its UI. */
public final class EnvironmentSearchAttributes {
  public static final SearchAttributeKey<String> TEAM = SearchAttributeKey.forKeyword("EnvTeam");
  public static final SearchAttributeKey<String> NAME = SearchAttributeKey.forKeyword("EnvName");
  public static final SearchAttributeKey<String> PHASE = SearchAttributeKey.forKeyword("EnvPhase");
  public static final SearchAttributeKey<String> CLUSTER =
      SearchAttributeKey.forKeyword("EnvCluster");
  public static final SearchAttributeKey<OffsetDateTime> EXPIRES_AT =
      SearchAttributeKey.forOffsetDateTime("EnvExpiresAt");

  private EnvironmentSearchAttributes() {}
}
