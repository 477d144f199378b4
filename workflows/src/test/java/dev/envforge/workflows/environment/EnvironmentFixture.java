package dev.envforge.workflows.environment;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import dev.envforge.workflows.activities.ClusterActivities;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.CrossplaneActivities;
import dev.envforge.workflows.activities.DatabaseRef;
import dev.envforge.workflows.activities.EnvironmentSettings;
import dev.envforge.workflows.activities.ExpiryWarningActivities;
import dev.envforge.workflows.activities.NamespaceActivities;
import dev.envforge.workflows.activities.PostgresActivities;
import dev.envforge.workflows.activities.SettingsActivities;
import dev.envforge.workflows.activities.WebhookDelivery;
import dev.envforge.workflows.request.ClusterChoice;
import dev.envforge.workflows.request.ClusterMode;
import dev.envforge.workflows.request.DatabaseChoice;
import dev.envforge.workflows.request.DatabaseDriver;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.Profile;
import java.time.Duration;
import org.mockito.Mockito;

/** Mocked activities and canned requests for the workflow tests. */
final class EnvironmentFixture {

  static final EnvironmentSettings SETTINGS =
      new EnvironmentSettings("env-", Duration.ofHours(8), Duration.ofDays(7), Duration.ofHours(1));

  static final ClusterRef SHARED = ClusterRef.shared("local");
  static final ClusterRef DEDICATED =
      new ClusterRef(
          "envforge-payments-review", ClusterMode.DEDICATED, "envforge-system", "kubeconfig-x");
  static final DatabaseRef DATABASE =
      new DatabaseRef(
          "127.0.0.1", 15432, "env_payments_review", "env_payments_review", "envforge-database");

  final ClusterActivities clusters = activityMock(ClusterActivities.class);
  final NamespaceActivities namespaces = activityMock(NamespaceActivities.class);
  final PostgresActivities postgres = activityMock(PostgresActivities.class);
  final CrossplaneActivities crossplane = activityMock(CrossplaneActivities.class);
  final ExpiryWarningActivities warnings = activityMock(ExpiryWarningActivities.class);
  EnvironmentSettings configured = SETTINGS;
  final SettingsActivities settings = () -> configured;

  EnvironmentFixture() {
    Mockito.when(clusters.placeShared(Mockito.any())).thenReturn(SHARED);
    Mockito.when(crossplane.ensureDedicatedCluster(Mockito.any())).thenReturn(DEDICATED);
    Mockito.when(postgres.ensureDatabase(Mockito.any())).thenReturn(DATABASE);
    Mockito.when(crossplane.ensureCompositeDatabase(Mockito.any())).thenReturn(DATABASE);
    Mockito.when(warnings.recordExpiryEvent(Mockito.any())).thenReturn("env-payments-review.x");
    Mockito.when(warnings.sendExpiryWebhook(Mockito.any())).thenReturn(WebhookDelivery.DELIVERED);
  }

  Object[] activities() {
    return new Object[] {clusters, namespaces, postgres, crossplane, warnings, settings};
  }

  static EnvironmentRequest sharedWithPostgres(String ttl) {
    return new EnvironmentRequest(
        "payments",
        "review",
        ClusterChoice.shared("local"),
        Profile.SMALL,
        DatabaseChoice.postgres(DatabaseDriver.DIRECT),
        ttl);
  }

  static EnvironmentRequest dedicatedWithPostgres(String ttl) {
    return new EnvironmentRequest(
        "payments",
        "review",
        ClusterChoice.dedicated(),
        Profile.MEDIUM,
        DatabaseChoice.postgres(DatabaseDriver.DIRECT),
        ttl);
  }

  /** Temporal inspects activity interfaces' annotations; mocks must not copy them. */
  private static <T> T activityMock(Class<T> type) {
    return mock(type, withSettings().withoutAnnotations());
  }
}
