package dev.envforge.activities.crossplane;

import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CompositeResourceDefinition from {@code deploy/crossplane/}, and the CustomResourceDefinition
 * Crossplane derives from it: the CRD the build derived from the XRD for the composite's Java types
 * (group, names, scope, versions with their schema, the status subresource), plus the machinery
 * fields Crossplane adds to every composite (under {@code spec} for v1 XRDs, under {@code
 * spec.crossplane} for v2 ones of either scope, plus {@code status.conditions}).
 */
final class CrossplaneXrd {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final GenericKubernetesResource xrd;

  private CrossplaneXrd(GenericKubernetesResource xrd) {
    this.xrd = xrd;
  }

  static CrossplaneXrd load(String repositoryPath) {
    Path file = RepositoryFiles.resolve(repositoryPath);
    try {
      return new CrossplaneXrd(
          SERIALIZATION.unmarshal(Files.readString(file), GenericKubernetesResource.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static CrossplaneXrd cluster() {
    return load("deploy/crossplane/xrd-cluster.yaml");
  }

  static CrossplaneXrd database() {
    return load("deploy/crossplane/xrd-database.yaml");
  }

  String apiVersion() {
    return xrd.getApiVersion();
  }

  String group() {
    return xrd.get("spec", "group");
  }

  String kind() {
    return xrd.get("spec", "names", "kind");
  }

  String plural() {
    return xrd.get("spec", "names", "plural");
  }

  /** v2 XRDs keep Crossplane's machinery under spec.crossplane and get no connection Secret. */
  boolean v2() {
    return apiVersion().endsWith("/v2");
  }

  /** The CRD Crossplane would create for this XRD, optionally under another API group. */
  CustomResourceDefinition toCrd(String group) {
    CustomResourceDefinition derived = derivedByTheBuild();
    List<CustomResourceDefinitionVersion> versions = derived.getSpec().getVersions();
    if (versions.size() != 1) {
      throw new IllegalStateException(kind() + ": expected exactly one version in the XRD");
    }
    CustomResourceDefinitionVersion version = versions.get(0);
    JSONSchemaProps schema = withCrossplaneMachinery(version.getSchema().getOpenAPIV3Schema());
    return new CustomResourceDefinitionBuilder(derived)
        .editMetadata()
        .withName(plural() + "." + group)
        .endMetadata()
        .editSpec()
        .withGroup(group)
        .editNames()
        .withCategories("composite")
        .endNames()
        .withVersions(
            new CustomResourceDefinitionVersionBuilder(version)
                .editSchema()
                .withOpenAPIV3Schema(schema)
                .endSchema()
                .build())
        .endSpec()
        .build();
  }

  /** The CRD the activities' build derived from this XRD to generate the composite's types. */
  private CustomResourceDefinition derivedByTheBuild() {
    Path file =
        RepositoryFiles.resolve(
            "activities/target/generated-resources/crossplane-crds/"
                + plural()
                + "."
                + group()
                + ".yaml");
    try {
      return SERIALIZATION.unmarshal(Files.readString(file), CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + "; the build writes it", e);
    }
  }

  private JSONSchemaProps withCrossplaneMachinery(JSONSchemaProps declared) {
    JSONSchemaProps schema = new JSONSchemaPropsBuilder(declared).build();
    Map<String, JSONSchemaProps> root = new LinkedHashMap<>(schema.getProperties());
    JSONSchemaProps spec = root.get("spec");
    Map<String, JSONSchemaProps> specProps = new LinkedHashMap<>(spec.getProperties());
    if (v2()) {
      specProps.put(
          "crossplane",
          new JSONSchemaPropsBuilder()
              .withType("object")
              .addToProperties(compositionMachinery())
              .build());
    } else {
      specProps.putAll(compositionMachinery());
      specProps.put(
          "writeConnectionSecretToRef",
          object(List.of("name", "namespace"), Map.of("name", string(), "namespace", string())));
    }
    root.put("spec", new JSONSchemaPropsBuilder(spec).withProperties(specProps).build());
    JSONSchemaProps status = root.getOrDefault("status", object(List.of(), Map.of()));
    Map<String, JSONSchemaProps> statusProps = new LinkedHashMap<>(status.getProperties());
    statusProps.put("conditions", conditions());
    root.put("status", new JSONSchemaPropsBuilder(status).withProperties(statusProps).build());
    List<String> required = new ArrayList<>(schema.getRequired());
    if (!required.contains("spec")) {
      required.add("spec");
    }
    return new JSONSchemaPropsBuilder(schema).withProperties(root).withRequired(required).build();
  }

  private static Map<String, JSONSchemaProps> compositionMachinery() {
    Map<String, JSONSchemaProps> props = new LinkedHashMap<>();
    props.put("compositionRef", object(List.of("name"), Map.of("name", string())));
    props.put("compositionRevisionRef", object(List.of("name"), Map.of("name", string())));
    props.put(
        "compositionUpdatePolicy",
        new JSONSchemaPropsBuilder()
            .withType("string")
            .withEnum(TextNode.valueOf("Automatic"), TextNode.valueOf("Manual"))
            .build());
    props.put(
        "resourceRefs",
        new JSONSchemaPropsBuilder()
            .withType("array")
            .withNewItems()
            .withSchema(
                object(
                    List.of("apiVersion", "kind"),
                    Map.of("apiVersion", string(), "kind", string(), "name", string())))
            .endItems()
            .build());
    return props;
  }

  private static JSONSchemaProps conditions() {
    Map<String, JSONSchemaProps> props = new LinkedHashMap<>();
    props.put("type", string());
    props.put("status", string());
    props.put("reason", string());
    props.put("message", string());
    props.put(
        "lastTransitionTime",
        new JSONSchemaPropsBuilder().withType("string").withFormat("date-time").build());
    return new JSONSchemaPropsBuilder()
        .withType("array")
        .withNewItems()
        .withSchema(object(List.of("lastTransitionTime", "reason", "status", "type"), props))
        .endItems()
        .build();
  }

  private static JSONSchemaProps object(List<String> required, Map<String, JSONSchemaProps> props) {
    return new JSONSchemaPropsBuilder()
        .withType("object")
        .withRequired(required)
        .withProperties(new LinkedHashMap<>(props))
        .build();
  }

  private static JSONSchemaProps string() {
    return new JSONSchemaPropsBuilder().withType("string").build();
  }
}
