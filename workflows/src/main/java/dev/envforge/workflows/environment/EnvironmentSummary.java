package dev.envforge.workflows.environment;

import dev.envforge.workflows.request.ClusterMode;
import dev.envforge.workflows.request.EnvironmentRequest;
import java.util.Locale;

/** The one-line summary the Temporal UI shows for an environment's run. Pure. */
public final class EnvironmentSummary {

  private EnvironmentSummary() {}

  public static String of(EnvironmentRequest raw) {
    EnvironmentRequest request = raw.withDefaults();
    String cluster =
        request.cluster().mode() == ClusterMode.DEDICATED
            ? "dedicated cluster"
            : "shared cluster "
                + (request.cluster().name() == null ? "(default)" : request.cluster().name());
    String database =
        request.database().wanted()
            ? "postgres (" + lower(request.database().driver()) + ")"
            : "no database";
    return "Environment "
        + request.team()
        + "/"
        + request.name()
        + ": "
        + cluster
        + ", "
        + lower(request.profile())
        + ", "
        + database
        + (request.keep()
            ? ", kept (no ttl)"
            : ", ttl " + (request.ttl() == null ? "default" : request.ttl()));
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
