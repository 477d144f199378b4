package dev.envforge.activities.namespace;

import dev.envforge.activities.kubernetes.ManagedMetadata;
import dev.envforge.workflows.activities.NamespaceSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The desired Namespace of an environment and the guardrails inside it, as fabric8 objects ready
 * for server-side apply. Pure: the same spec and settings always give the same objects.
 */
public final class NamespaceObjects {

  public static final String RESOURCE_QUOTA = "envforge-quota";
  public static final String LIMIT_RANGE = "envforge-limits";
  public static final String NETWORK_POLICY = "envforge-default-deny";
  public static final String TEAM_ROLE_BINDING = "envforge-team";

  static final String RBAC_API_GROUP = "rbac.authorization.k8s.io";
  static final int DNS_PORT = 53;

  private final NamespaceSettings settings;

  public NamespaceObjects(NamespaceSettings settings) {
    this.settings = settings;
  }

  public Namespace namespace(NamespaceSpec spec) {
    return new NamespaceBuilder()
        .withMetadata(
            new ObjectMetaBuilder()
                .withName(spec.namespace())
                .withLabels(ManagedMetadata.labels(spec.labels()))
                .withAnnotations(ManagedMetadata.annotations(spec.labels()))
                .build())
        .build();
  }

  /** The four guardrails, in the order they are applied. */
  public List<HasMetadata> guardrails(NamespaceSpec spec) {
    return List.of(
        resourceQuota(spec), limitRange(spec), networkPolicy(spec), teamRoleBinding(spec));
  }

  public ResourceQuota resourceQuota(NamespaceSpec spec) {
    ProfileSizes sizes = settings.sizes(spec.profile());
    Map<String, Quantity> hard = new LinkedHashMap<>();
    hard.put("requests.cpu", new Quantity(sizes.requestsCpu()));
    hard.put("requests.memory", new Quantity(sizes.requestsMemory()));
    hard.put("limits.cpu", new Quantity(sizes.limitsCpu()));
    hard.put("limits.memory", new Quantity(sizes.limitsMemory()));
    hard.put("pods", new Quantity(Integer.toString(sizes.pods())));
    hard.put(
        "persistentvolumeclaims", new Quantity(Integer.toString(sizes.persistentVolumeClaims())));
    hard.put("requests.storage", new Quantity(sizes.requestsStorage()));
    return new ResourceQuotaBuilder()
        .withMetadata(metadata(spec, RESOURCE_QUOTA))
        .withNewSpec()
        .withHard(hard)
        .endSpec()
        .build();
  }

  public LimitRange limitRange(NamespaceSpec spec) {
    ProfileSizes sizes = settings.sizes(spec.profile());
    return new LimitRangeBuilder()
        .withMetadata(metadata(spec, LIMIT_RANGE))
        .withNewSpec()
        .addNewLimit()
        .withType("Container")
        .withDefaultRequest(
            cpuAndMemory(sizes.containerDefaultRequestCpu(), sizes.containerDefaultRequestMemory()))
        .withDefault(
            cpuAndMemory(sizes.containerDefaultLimitCpu(), sizes.containerDefaultLimitMemory()))
        .endLimit()
        .endSpec()
        .build();
  }

  /**
   * Denies all traffic into and out of the namespace except between its own pods, plus DNS.
   *
   * <p>DNS is allowed to every namespace on port 53 because default-deny egress would otherwise
   * break name resolution itself: the cluster DNS (CoreDNS) runs in another namespace, usually
   * kube-system, and its labels differ between distributions, so even a pod calling a service in
   * its own namespace by name would fail. Only the DNS port is opened, nothing else.
   */
  public NetworkPolicy networkPolicy(NamespaceSpec spec) {
    return new NetworkPolicyBuilder()
        .withMetadata(metadata(spec, NETWORK_POLICY))
        .withNewSpec()
        .withNewPodSelector()
        .endPodSelector()
        .withPolicyTypes("Ingress", "Egress")
        .addNewIngress()
        .addNewFrom()
        .withNewPodSelector()
        .endPodSelector()
        .endFrom()
        .endIngress()
        .addNewEgress()
        .addNewTo()
        .withNewPodSelector()
        .endPodSelector()
        .endTo()
        .endEgress()
        .addNewEgress()
        .addNewTo()
        .withNewNamespaceSelector()
        .endNamespaceSelector()
        .endTo()
        .addNewPort()
        .withProtocol("UDP")
        .withPort(new IntOrString(DNS_PORT))
        .endPort()
        .addNewPort()
        .withProtocol("TCP")
        .withPort(new IntOrString(DNS_PORT))
        .endPort()
        .endEgress()
        .endSpec()
        .build();
  }

  /** Lets the team's group work in its namespace with the configured ClusterRole, nowhere else. */
  public RoleBinding teamRoleBinding(NamespaceSpec spec) {
    return new RoleBindingBuilder()
        .withMetadata(metadata(spec, TEAM_ROLE_BINDING))
        .withNewRoleRef()
        .withApiGroup(RBAC_API_GROUP)
        .withKind("ClusterRole")
        .withName(settings.teamClusterRole())
        .endRoleRef()
        .addNewSubject()
        .withApiGroup(RBAC_API_GROUP)
        .withKind("Group")
        .withName(settings.teamGroup(spec.labels().team()))
        .endSubject()
        .build();
  }

  private static ObjectMeta metadata(NamespaceSpec spec, String name) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(spec.namespace())
        .withLabels(ManagedMetadata.labels(spec.labels()))
        .withAnnotations(ManagedMetadata.annotations(spec.labels()))
        .build();
  }

  private static Map<String, Quantity> cpuAndMemory(String cpu, String memory) {
    Map<String, Quantity> resources = new LinkedHashMap<>();
    resources.put("cpu", new Quantity(cpu));
    resources.put("memory", new Quantity(memory));
    return resources;
  }
}
