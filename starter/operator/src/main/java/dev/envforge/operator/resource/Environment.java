package dev.envforge.operator.resource;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * An environment requested as a Kubernetes resource in a team's namespace of the management
 * cluster. Its name is the environment's name; its team is the namespace's, never its own fields'.
 * The definition (schema, printer columns) is {@code deploy/helm/envforge/crds/}.
 */
@Group(Environment.GROUP)
@Version(Environment.VERSION)
@Kind("Environment")
@Plural("environments")
@Singular("environment")
public class Environment extends CustomResource<EnvironmentSpec, EnvironmentState>
    implements Namespaced {

  public static final String GROUP = "envforge.dev";
  public static final String VERSION = "v1alpha1";

  /** What {@code kubectl delete} waits on until the environment is destroyed. */
  public static final String FINALIZER = "envforge.dev/destroy-environment";
}
