package dev.envforge.activities.crossplane;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.TimeUnit;

/** Installs and removes the CRDs Crossplane would derive from envforge's XRDs. */
final class CompositeCrds {

  private static final long TIMEOUT_SECONDS = 60;

  private CompositeCrds() {}

  /** Applies the CRD and waits until the API server serves it. */
  static CustomResourceDefinition install(KubernetesClient client, CustomResourceDefinition crd) {
    client.resource(crd).fieldManager("envforge-tests").forceConflicts().serverSideApply();
    return client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName(crd.getMetadata().getName())
        .waitUntilCondition(CompositeCrds::established, TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** Deletes the CRD (and with it every object of its kind) and waits until it is gone. */
  static void remove(KubernetesClient client, String name) {
    var crd = client.apiextensions().v1().customResourceDefinitions().withName(name);
    crd.delete();
    crd.waitUntilCondition(found -> found == null, TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
