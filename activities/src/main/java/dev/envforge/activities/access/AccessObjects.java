package dev.envforge.activities.access;

import dev.envforge.activities.kubernetes.ManagedMetadata;
import dev.envforge.activities.namespace.NamespaceSettings;
import dev.envforge.workflows.activities.NamespaceSpec;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import java.util.Map;

/**
 * The desired objects of developers' access to one namespace: the ServiceAccount, its RoleBinding
 * to the team's ClusterRole (the one the team's group gets), each grant's bound Secret and the
 * TokenRequest bound to it. Pure.
 */
public final class AccessObjects {

  public static final String SERVICE_ACCOUNT = "envforge-developer";
  public static final String ROLE_BINDING = "envforge-developer";
  public static final String GRANT_PREFIX = "envforge-access-";

  /** Marks a grant's bound Secret with the grant's id. */
  public static final String GRANT_LABEL = "envforge.dev/access-grant";

  private static final String RBAC_API_GROUP = "rbac.authorization.k8s.io";

  private final NamespaceSettings settings;

  public AccessObjects(NamespaceSettings settings) {
    this.settings = settings;
  }

  public ServiceAccount serviceAccount(NamespaceSpec spec) {
    return new ServiceAccountBuilder()
        .withMetadata(metadata(spec, SERVICE_ACCOUNT, Map.of()))
        // The developers' pods have no business with this account's credentials.
        .withAutomountServiceAccountToken(false)
        .build();
  }

  public RoleBinding roleBinding(NamespaceSpec spec) {
    return new RoleBindingBuilder()
        .withMetadata(metadata(spec, ROLE_BINDING, Map.of()))
        .withNewRoleRef()
        .withApiGroup(RBAC_API_GROUP)
        .withKind("ClusterRole")
        .withName(settings.teamClusterRole())
        .endRoleRef()
        .addNewSubject()
        .withKind("ServiceAccount")
        .withName(SERVICE_ACCOUNT)
        .withNamespace(spec.namespace())
        .endSubject()
        .build();
  }

  /** The grant's own object: its token lives only as long as this Secret does. Holds no data. */
  public Secret boundSecret(NamespaceSpec spec, String grantId) {
    return new SecretBuilder()
        .withMetadata(metadata(spec, boundSecretName(grantId), Map.of(GRANT_LABEL, grantId)))
        .withType("Opaque")
        .build();
  }

  public static String boundSecretName(String grantId) {
    return GRANT_PREFIX + grantId;
  }

  /** A token for the ServiceAccount, bound to the grant's Secret (by name and uid). */
  public static TokenRequest tokenRequest(Secret bound, long expirationSeconds) {
    return new TokenRequestBuilder()
        .withNewSpec()
        .withExpirationSeconds(expirationSeconds)
        .withNewBoundObjectRef()
        .withApiVersion("v1")
        .withKind("Secret")
        .withName(bound.getMetadata().getName())
        .withUid(bound.getMetadata().getUid())
        .endBoundObjectRef()
        .endSpec()
        .build();
  }

  private static ObjectMeta metadata(NamespaceSpec spec, String name, Map<String, String> extra) {
    ObjectMeta metadata =
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(spec.namespace())
            .withLabels(ManagedMetadata.labels(spec.labels()))
            .withAnnotations(ManagedMetadata.annotations(spec.labels()))
            .build();
    metadata.getLabels().putAll(extra);
    return metadata;
  }
}
