package dev.envforge.starter;

import dev.envforge.workflows.activities.AccessActivities;
import dev.envforge.workflows.activities.ClusterActivities;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.CrossplaneActivities;
import dev.envforge.workflows.activities.DatabaseRef;
import dev.envforge.workflows.activities.DatabaseSpec;
import dev.envforge.workflows.activities.DedicatedClusterSpec;
import dev.envforge.workflows.activities.EnvironmentSettings;
import dev.envforge.workflows.activities.ExpiryWarningActivities;
import dev.envforge.workflows.activities.ExpiryWarningNotice;
import dev.envforge.workflows.activities.IssuedToken;
import dev.envforge.workflows.activities.LifecycleEvent;
import dev.envforge.workflows.activities.LifecycleEventActivities;
import dev.envforge.workflows.activities.NamespaceActivities;
import dev.envforge.workflows.activities.NamespaceSpec;
import dev.envforge.workflows.activities.PostgresActivities;
import dev.envforge.workflows.activities.SettingsActivities;
import dev.envforge.workflows.activities.TokenGrantSpec;
import dev.envforge.workflows.activities.WebhookDelivery;
import dev.envforge.workflows.failure.EnvironmentFailure;
import dev.envforge.workflows.quota.RunningEnvironments;
import dev.envforge.workflows.quota.TeamQuotaActivities;
import java.time.Duration;
import java.util.List;

/**
 * Stands in for Kubernetes, Postgres and Crossplane behind the real environment workflow, so the
 * API can be driven through whole lifecycles without a cluster. Each step takes a moment, so that
 * an event stream sees the steps progress; the cluster named {@value #MISSING_CLUSTER} fails for
 * good, as an unknown cluster does.
 */
public class FakePlatform
    implements SettingsActivities,
        ClusterActivities,
        NamespaceActivities,
        PostgresActivities,
        CrossplaneActivities,
        ExpiryWarningActivities,
        TeamQuotaActivities,
        AccessActivities,
        LifecycleEventActivities {

  public static final String MISSING_CLUSTER = "missing";
  public static final Duration MAX_TTL = Duration.ofDays(7);

  private static final long STEP_MILLIS = 300;

  @Override
  public EnvironmentSettings settings() {
    return new EnvironmentSettings("env-", Duration.ofHours(8), MAX_TTL, Duration.ofMinutes(10));
  }

  @Override
  public ClusterRef placeShared(String requestedName) {
    pause();
    if (MISSING_CLUSTER.equals(requestedName)) {
      throw EnvironmentFailure.UNKNOWN_CLUSTER.failure(
          "no shared cluster named '" + requestedName + "'");
    }
    return ClusterRef.shared(requestedName == null ? "local" : requestedName);
  }

  @Override
  public void ensureNamespace(NamespaceSpec spec) {
    pause();
  }

  @Override
  public void applyGuardrails(NamespaceSpec spec) {
    pause();
  }

  @Override
  public void annotateExpiry(NamespaceSpec spec) {}

  @Override
  public void deleteNamespace(NamespaceSpec spec) {
    pause();
  }

  @Override
  public DatabaseRef ensureDatabase(DatabaseSpec spec) {
    pause();
    return new DatabaseRef(
        "127.0.0.1", 15432, spec.databaseName(), spec.roleName(), spec.secretName());
  }

  @Override
  public void dropDatabase(DatabaseSpec spec) {}

  @Override
  public ClusterRef ensureDedicatedCluster(DedicatedClusterSpec spec) {
    throw EnvironmentFailure.CLUSTER_NOT_READY.failure("no dedicated clusters here");
  }

  @Override
  public void deleteDedicatedCluster(DedicatedClusterSpec spec) {}

  @Override
  public DatabaseRef ensureCompositeDatabase(DatabaseSpec spec) {
    throw EnvironmentFailure.DATABASE_NOT_READY.failure("no composite databases here");
  }

  @Override
  public void deleteCompositeDatabase(DatabaseSpec spec) {}

  private static void pause() {
    try {
      Thread.sleep(STEP_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String recordExpiryEvent(ExpiryWarningNotice notice) {
    return notice.namespace() + ".expiring";
  }

  @Override
  public WebhookDelivery sendExpiryWebhook(ExpiryWarningNotice notice) {
    return WebhookDelivery.DISABLED;
  }

  /**
   * The quota workflow's reconciliation: every test team is new, so nothing of it runs before the
   * test starts it, and the quota's own set is what the tests judge.
   */
  @Override
  public RunningEnvironments runningEnvironments(String team) {
    return new RunningEnvironments(List.of(), true);
  }

  @Override
  public void ensureAccessAccount(NamespaceSpec spec) {}

  /** No cluster here to mint a token on; the real-stack tests cover access. */
  @Override
  public IssuedToken issueToken(TokenGrantSpec spec) {
    throw new UnsupportedOperationException("no tokens on the fake platform");
  }

  @Override
  public void revokeGrant(NamespaceSpec spec, String grantId) {}

  /** No sinks: nothing is announced, and no activity task is spent on it. */
  @Override
  public int sinkCount() {
    return 0;
  }

  @Override
  public WebhookDelivery publish(LifecycleEvent event) {
    return WebhookDelivery.DISABLED;
  }
}
