package dev.envforge.activities.crossplane.model;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One environment's database: a namespaced composite in the environment's namespace (Crossplane v2
 * style, defined by {@code deploy/crossplane/xrd-database.yaml}). Its Composition writes the
 * connection details into the Secret named by {@code writeConnectionSecretToRef}, in the same
 * namespace.
 */
@Group(PlatformApi.GROUP)
@Version(PlatformApi.VERSION)
@Kind("EnvDatabase")
@Plural("envdatabases")
@Singular("envdatabase")
public class EnvDatabase extends CustomResource<EnvDatabaseSpec, CompositeStatus>
    implements Namespaced {}
