package dev.envforge.activities.access;

import dev.envforge.activities.kubernetes.ClusterClients;
import dev.envforge.activities.kubernetes.KubernetesFailures;
import dev.envforge.activities.kubernetes.ManagedMetadata;
import dev.envforge.activities.namespace.NamespaceSettings;
import dev.envforge.workflows.access.SealedTokens;
import dev.envforge.workflows.activities.AccessActivities;
import dev.envforge.workflows.activities.ClusterEndpoint;
import dev.envforge.workflows.activities.IssuedToken;
import dev.envforge.workflows.activities.NamespaceSpec;
import dev.envforge.workflows.activities.TokenGrantSpec;
import dev.envforge.workflows.request.ClusterMode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Developers' access on the environment's cluster: the ServiceAccount and RoleBinding by
 * server-side apply, and per grant a Secret that the grant's token is bound to (TokenRequest's
 * {@code boundObjectRef}), so deleting the Secret ends the token and deleting the namespace ends
 * them all. The token leaves this class only sealed to the grant's one-time key, and no message or
 * failure here quotes it.
 */
public final class KubernetesAccessActivities implements AccessActivities {

  /** The failure type of a grant that cannot get a token of at least the minimum lifetime. */
  public static final String ACCESS_TOO_LATE = "ACCESS_TOO_LATE";

  private final ClusterClients clients;
  private final AccessSettings settings;
  private final AccessObjects objects;
  private final Clock clock;

  public KubernetesAccessActivities(
      ClusterClients clients,
      NamespaceSettings namespaceSettings,
      AccessSettings settings,
      Clock clock) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.objects = new AccessObjects(namespaceSettings);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void ensureAccessAccount(NamespaceSpec spec) {
    KubernetesClient client = clients.forCluster(spec.cluster());
    apply(client, objects.serviceAccount(spec));
    apply(client, objects.roleBinding(spec));
  }

  @Override
  public IssuedToken issueToken(TokenGrantSpec spec) {
    long seconds = lifetimeSeconds(spec);
    KubernetesClient client = clients.forCluster(spec.namespace().cluster());
    Secret bound = apply(client, objects.boundSecret(spec.namespace(), spec.grantId()));
    TokenRequest request = AccessObjects.tokenRequest(bound, seconds);
    String what =
        "request a token for ServiceAccount "
            + spec.namespace().namespace()
            + "/"
            + AccessObjects.SERVICE_ACCOUNT;
    TokenRequest answer;
    try {
      answer =
          client
              .serviceAccounts()
              .inNamespace(spec.namespace().namespace())
              .withName(AccessObjects.SERVICE_ACCOUNT)
              .tokenRequest(request);
    } catch (KubernetesClientException e) {
      // The answer to a TokenRequest carries the token: say only how it failed.
      throw KubernetesFailures.translateWithoutDetails(what, e, IllegalStateException::new);
    }
    String token = answer.getStatus().getToken();
    Instant expiresAt = Instant.parse(answer.getStatus().getExpirationTimestamp());
    return new IssuedToken(
        AccessObjects.SERVICE_ACCOUNT,
        endpoint(spec.namespace(), client),
        SealedTokens.seal(spec.publicKey(), spec.grantId(), token),
        expiresAt);
  }

  @Override
  public void revokeGrant(NamespaceSpec spec, String grantId) {
    KubernetesClient client = clients.forCluster(spec.cluster());
    KubernetesFailures.run(
        "delete Secret " + spec.namespace() + "/" + AccessObjects.boundSecretName(grantId),
        () ->
            client
                .secrets()
                .inNamespace(spec.namespace())
                .withName(AccessObjects.boundSecretName(grantId))
                .delete());
  }

  /**
   * The asked lifetime, capped by the configured maximum and by the environment's expiry. The API
   * server refuses tokens under ten minutes, and a longer one would outlive the environment, so a
   * grant that close to the expiry fails for good.
   */
  long lifetimeSeconds(TokenGrantSpec spec) {
    Duration lifetime =
        spec.lifetime() == null || spec.lifetime().compareTo(settings.maxTtl()) > 0
            ? settings.maxTtl()
            : spec.lifetime();
    if (spec.notAfter() != null) {
      Duration left = Duration.between(clock.instant(), spec.notAfter());
      if (left.compareTo(lifetime) < 0) {
        lifetime = left;
      }
    }
    if (lifetime.compareTo(AccessSettings.MIN_TTL) < 0) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the environment expires at "
              + spec.notAfter()
              + ", sooner than the shortest token ("
              + AccessSettings.MIN_TTL
              + ")",
          ACCESS_TOO_LATE);
    }
    return lifetime.toSeconds();
  }

  /**
   * Where people reach the cluster: the configured address of a shared cluster, else what the
   * worker's own client uses (for a dedicated cluster, its connection Secret's kubeconfig).
   */
  private ClusterEndpoint endpoint(NamespaceSpec spec, KubernetesClient client) {
    if (spec.cluster().mode() == ClusterMode.SHARED) {
      ClusterEndpoint configured = settings.endpoint(spec.cluster().name()).orElse(null);
      if (configured != null) {
        return configured.certificateAuthorityData() != null
            ? configured
            : new ClusterEndpoint(configured.server(), caData(client.getConfiguration()));
      }
    }
    Config config = client.getConfiguration();
    return new ClusterEndpoint(stripTrailingSlash(config.getMasterUrl()), caData(config));
  }

  private static String caData(Config config) {
    if (config.getCaCertData() != null && !config.getCaCertData().isBlank()) {
      return config.getCaCertData();
    }
    if (config.getCaCertFile() != null) {
      try {
        return Base64.getEncoder()
            .encodeToString(Files.readAllBytes(Path.of(config.getCaCertFile())));
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot read the cluster's CA " + config.getCaCertFile(), e);
      }
    }
    return null;
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static <T extends HasMetadata> T apply(KubernetesClient client, T desired) {
    String what =
        "apply "
            + desired.getKind()
            + " "
            + desired.getMetadata().getNamespace()
            + "/"
            + desired.getMetadata().getName();
    return KubernetesFailures.call(
        what,
        () ->
            client
                .resource(desired)
                .fieldManager(ManagedMetadata.FIELD_MANAGER)
                .forceConflicts()
                .serverSideApply());
  }
}
