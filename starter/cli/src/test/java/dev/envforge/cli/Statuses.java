package dev.envforge.cli;

/** Environment answers as the API writes them, for the stand-in API. */
final class Statuses {

  private Statuses() {}

  static String environment(String phase, String... steps) {
    return withReason(phase, null, steps);
  }

  /**
   * @param steps {@code STEP:STATUS} pairs, e.g. {@code CLUSTER:DONE}
   */
  static String withReason(String phase, String reason, String... steps) {
    StringBuilder stepJson = new StringBuilder();
    for (String step : steps) {
      String[] parts = step.split(":");
      boolean ended = !parts[1].equals("RUNNING") && !parts[1].equals("PENDING");
      if (stepJson.length() > 0) {
        stepJson.append(',');
      }
      stepJson.append(
          "{\"step\":\"%s\",\"status\":\"%s\",\"startedAt\":%s,\"endedAt\":%s,\"durationMillis\":%s,\"attempts\":%d,\"lastError\":%s}"
              .formatted(
                  parts[0],
                  parts[1],
                  parts[1].equals("PENDING") ? "null" : "\"2030-01-01T00:00:00Z\"",
                  ended ? "\"2030-01-01T00:00:01.500Z\"" : "null",
                  ended ? "1500" : "null",
                  parts.length > 2 ? 2 : 1,
                  parts.length > 2 ? "\"" + parts[2] + "\"" : "null"));
    }
    return ("{\"team\":\"demo\",\"name\":\"web\",\"environmentId\":\"demo-web\","
            + "\"workflowId\":\"environment/demo/web\",\"runId\":\"r1\",\"phase\":\"%s\","
            + "\"request\":{\"team\":\"demo\",\"name\":\"web\",\"cluster\":{\"mode\":\"shared\"},"
            + "\"profile\":\"small\",\"database\":{\"kind\":\"postgres\",\"driver\":\"direct\"},"
            + "\"ttl\":\"PT8H\",\"keep\":false},"
            + "\"steps\":[%s],\"cluster\":\"local\",\"namespace\":\"demo-web\","
            + "\"secretName\":\"envforge-database\",\"databaseName\":\"env_demo_web\","
            + "\"databaseHost\":\"127.0.0.1\",\"databasePort\":5432,"
            + "\"createdAt\":\"2030-01-01T00:00:00Z\",\"readyAt\":null,"
            + "\"expiresAt\":\"2030-01-01T08:00:00Z\",\"expiring\":false,\"keep\":false,"
            + "\"warning\":null,\"reason\":%s,\"temporalUiUrl\":\"http://ui/run\",\"later\":1}")
        .formatted(phase, stepJson, reason == null ? "null" : "\"" + reason + "\"");
  }
}
