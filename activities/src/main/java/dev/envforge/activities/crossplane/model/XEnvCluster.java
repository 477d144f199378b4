package dev.envforge.activities.crossplane.model;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A dedicated Kubernetes cluster for one environment: a cluster-scoped composite in the management
 * cluster (Crossplane v1 style, defined by {@code deploy/crossplane/xrd-cluster.yaml}). Crossplane
 * writes the new cluster's kubeconfig into the Secret named by {@code writeConnectionSecretToRef}.
 */
@Group(PlatformApi.GROUP)
@Version(PlatformApi.VERSION)
@Kind("XEnvCluster")
@Plural("xenvclusters")
@Singular("xenvcluster")
public class XEnvCluster extends CustomResource<XEnvClusterSpec, CompositeStatus> {}
