package dev.envforge.activities.crossplane;

import dev.envforge.activities.crossplane.model.EnvDatabase;
import dev.envforge.activities.crossplane.model.EnvDatabaseSpec;
import dev.envforge.activities.crossplane.model.envdatabasespec.WriteConnectionSecretToRef;
import dev.envforge.activities.kubernetes.ManagedMetadata;
import dev.envforge.workflows.activities.DatabaseSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Locale;

/** The desired {@code EnvDatabase} of an environment and the names derived from it. Pure. */
public final class CompositeDatabase {

  private static final int MAX_NAME_LENGTH = 63;

  private CompositeDatabase() {}

  /**
   * The composite's name: the Postgres database name turned back into a DNS label ({@code team_app}
   * becomes {@code team-app}), so it is stable across retries and readable in kubectl.
   */
  public static String compositeName(DatabaseSpec spec) {
    String name =
        spec.databaseName()
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9-]+", "-")
            .replaceAll("-{2,}", "-");
    if (name.length() > MAX_NAME_LENGTH) {
      name = name.substring(0, MAX_NAME_LENGTH);
    }
    name = name.replaceAll("^-+|-+$", "");
    return name.isEmpty() ? "database" : name;
  }

  /** Where the Composition writes the connection details; never the app-facing Secret. */
  public static String connectionSecretName(DatabaseSpec spec) {
    return compositeName(spec) + "-crossplane-connection";
  }

  public static EnvDatabase desired(DatabaseSpec spec, CrossplaneSettings settings) {
    EnvDatabase database = new EnvDatabase();
    database.setMetadata(
        new ObjectMetaBuilder()
            .withName(compositeName(spec))
            .withNamespace(spec.namespace())
            .withLabels(ManagedMetadata.labels(spec.labels()))
            .withAnnotations(ManagedMetadata.annotations(spec.labels()))
            .build());
    EnvDatabaseSpec wanted = new EnvDatabaseSpec();
    wanted.setEngine(EnvDatabaseSpec.Engine.POSTGRES);
    wanted.setVersion(settings.databaseVersion());
    wanted.setStorageGB((long) settings.databaseStorageGb());
    wanted.setDatabaseName(spec.databaseName());
    wanted.setUsername(spec.roleName());
    WriteConnectionSecretToRef connection = new WriteConnectionSecretToRef();
    connection.setName(connectionSecretName(spec));
    wanted.setWriteConnectionSecretToRef(connection);
    database.setSpec(wanted);
    return database;
  }
}
