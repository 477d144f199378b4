import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A build step of the activities module (generate-sources): turns each Crossplane
 * CompositeResourceDefinition into a CustomResourceDefinition with the same group, names, scope,
 * versions and schema, the input fabric8's java-generator reads. So the XRD stays the one source of
 * the composites' Java types, and no second copy of its schema is kept in the repository.
 *
 * <p>Only what the XRD declares is carried over. The fields Crossplane adds to every composite
 * (under {@code spec.crossplane}) are not envforge's to write; the generated types keep them, like
 * any unknown field, without modelling them.
 *
 * <p>Run as a single-file program: {@code java -cp <fabric8's client> XrdToCrd.java <output dir>
 * <xrd.yaml>...}; writes {@code <output dir>/<crd name>.yaml} per XRD.
 */
public final class XrdToCrd {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private XrdToCrd() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: XrdToCrd <output dir> <xrd.yaml>...");
    }
    Path output = Files.createDirectories(Path.of(args[0]));
    for (String source : List.of(args).subList(1, args.length)) {
      GenericKubernetesResource xrd =
          SERIALIZATION.unmarshal(
              Files.readString(Path.of(source)), GenericKubernetesResource.class);
      CustomResourceDefinition crd = toCrd(xrd);
      Files.writeString(
          output.resolve(crd.getMetadata().getName() + ".yaml"), SERIALIZATION.asYaml(crd));
    }
  }

  static CustomResourceDefinition toCrd(GenericKubernetesResource xrd) {
    if (!xrd.getApiVersion().startsWith("apiextensions.crossplane.io/")
        || !"CompositeResourceDefinition".equals(xrd.getKind())) {
      throw new IllegalArgumentException(
          xrd.getMetadata().getName() + " is not a Crossplane CompositeResourceDefinition");
    }
    String group = xrd.get("spec", "group");
    String kind = xrd.get("spec", "names", "kind");
    String plural = xrd.get("spec", "names", "plural");
    List<Map<String, Object>> versions = xrd.get("spec", "versions");
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName(plural + "." + group)
        .endMetadata()
        .withNewSpec()
        .withGroup(group)
        .withScope(scope(xrd))
        .withNewNames()
        .withKind(kind)
        .withListKind(kind + "List")
        .withPlural(plural)
        .withSingular(kind.toLowerCase(Locale.ROOT))
        .endNames()
        .withVersions(versions.stream().map(XrdToCrd::version).toList())
        .endSpec()
        .build();
  }

  /** v1 XRDs define cluster-scoped composites; v2 ones say so in spec.scope (Namespaced first). */
  private static String scope(GenericKubernetesResource xrd) {
    if (xrd.getApiVersion().endsWith("/v1")) {
      return "Cluster";
    }
    String scope = xrd.get("spec", "scope");
    return scope == null ? "Namespaced" : scope;
  }

  /** Crossplane stores the referenceable version; a composite's status is a subresource. */
  private static CustomResourceDefinitionVersion version(Map<String, Object> version) {
    Map<?, ?> schema = (Map<?, ?>) version.get("schema");
    return new CustomResourceDefinitionVersionBuilder()
        .withName((String) version.get("name"))
        .withServed(Boolean.TRUE.equals(version.get("served")))
        .withStorage(Boolean.TRUE.equals(version.get("referenceable")))
        .withNewSchema()
        .withOpenAPIV3Schema(
            SERIALIZATION.convertValue(schema.get("openAPIV3Schema"), JSONSchemaProps.class))
        .endSchema()
        .withNewSubresources()
        .withNewStatus()
        .endStatus()
        .endSubresources()
        .build();
  }
}
