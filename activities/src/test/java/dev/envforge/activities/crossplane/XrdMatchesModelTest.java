package dev.envforge.activities.crossplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.activities.crossplane.model.CompositeStatus;
import dev.envforge.activities.crossplane.model.EnvDatabase;
import dev.envforge.activities.crossplane.model.EnvDatabaseSpec;
import dev.envforge.activities.crossplane.model.XEnvCluster;
import dev.envforge.activities.crossplane.model.XEnvClusterSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import org.junit.jupiter.api.Test;

/**
 * Compares each XRD's declared schema with its Java model, property by property (names, types, enum
 * values, required): a field on one side only, or of another type, fails.
 */
class XrdMatchesModelTest {

  @Test
  void givenTheClusterXrd_whenComparedWithXEnvCluster_itShouldDeclareExactlyTheModelsFields() {
    CrossplaneXrd xrd = CrossplaneXrd.cluster();

    assertIdentity(xrd, new XEnvCluster(), "Cluster");
    assertSameShape(xrd.declaredSchema(), XEnvClusterSpec.class, CompositeStatus.class);
  }

  @Test
  void givenTheDatabaseXrd_whenComparedWithEnvDatabase_itShouldDeclareExactlyTheModelsFields() {
    CrossplaneXrd xrd = CrossplaneXrd.database();

    assertIdentity(xrd, new EnvDatabase(), "Namespaced");
    assertSameShape(xrd.declaredSchema(), EnvDatabaseSpec.class, CompositeStatus.class);
  }

  @Test
  void givenASchemaWithAnExtraField_whenCompared_itShouldDiffer() {
    // The comparison itself must be able to fail: one more schema property changes the shape.
    JSONSchemaProps schema = CrossplaneXrd.cluster().declaredSchema();
    schema
        .getProperties()
        .get("spec")
        .getProperties()
        .put("zone", new io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps());

    assertThat(SchemaShape.of(schema.getProperties().get("spec"), "spec"))
        .isNotEqualTo(SchemaShape.of(XEnvClusterSpec.class, "spec"));
  }

  private static void assertIdentity(CrossplaneXrd xrd, HasMetadata model, String scope) {
    assertThat(xrd.apiVersion()).startsWith("apiextensions.crossplane.io/");
    assertThat(xrd.group() + "/" + xrd.version()).isEqualTo(model.getApiVersion());
    assertThat(xrd.kind()).isEqualTo(model.getKind());
    assertThat(xrd.plural())
        .isEqualTo(((io.fabric8.kubernetes.client.CustomResource<?, ?>) model).getPlural());
    assertThat(xrd.namespaced() ? "Namespaced" : "Cluster").isEqualTo(scope);
    assertThat(model instanceof io.fabric8.kubernetes.api.model.Namespaced)
        .isEqualTo(xrd.namespaced());
  }

  private static void assertSameShape(JSONSchemaProps schema, Class<?> spec, Class<?> status) {
    assertThat(schema.getProperties()).containsOnlyKeys("spec", "status");
    assertThat(SchemaShape.of(schema.getProperties().get("spec"), "spec"))
        .containsExactlyElementsOf(SchemaShape.of(spec, "spec"));
    assertThat(SchemaShape.of(schema.getProperties().get("status"), "status"))
        .containsExactlyElementsOf(SchemaShape.of(status, "status"));
  }
}
