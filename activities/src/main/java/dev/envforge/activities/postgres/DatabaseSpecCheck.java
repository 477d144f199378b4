package dev.envforge.activities.postgres;

import dev.envforge.workflows.activities.DatabaseSpec;
import dev.envforge.workflows.failure.EnvironmentFailure;

/** Refuses specs the driver cannot act on safely, before anything is touched. */
final class DatabaseSpecCheck {

  private DatabaseSpecCheck() {}

  static void validate(DatabaseSpec spec) {
    if (spec == null
        || spec.cluster() == null
        || isBlank(spec.namespace())
        || isBlank(spec.secretName())
        || spec.labels() == null
        || isBlank(spec.labels().environmentId())) {
      throw EnvironmentFailure.INVALID_REQUEST.failure(
          "a database spec needs a cluster, a namespace, a Secret name and an environment id");
    }
    checkIdentifier("database", spec.databaseName());
    checkIdentifier("role", spec.roleName());
  }

  private static void checkIdentifier(String kind, String name) {
    try {
      PostgresSql.identifier(name);
    } catch (IllegalArgumentException e) {
      throw EnvironmentFailure.INVALID_REQUEST.failure(
          "the Postgres " + kind + " name is unusable: " + e.getMessage());
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
