package dev.envforge.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Undoes what the floor made, with the same activities the workflow's teardown uses: the database
 * and its role first, then the namespace, waited on until it is gone.
 */
final class FloorTeardown {

  /** Namespace deletion is the namespace controller's work; several at a time keep it busy. */
  private static final int THREADS = 8;

  private FloorTeardown() {}

  /** name → why it was left behind; empty when everything is gone. */
  static Map<String, String> destroy(
      DirectActivities activities, EnvironmentSpecs specs, List<String> names, Deadline deadline)
      throws InterruptedException {
    Map<String, String> results =
        Parallel.map(
            names,
            THREADS,
            deadline,
            "floor-cleanup",
            name -> {
              try {
                activities.postgres.dropDatabase(specs.database(name));
                activities.namespaces.deleteNamespace(specs.namespace(name));
                return "";
              } catch (RuntimeException e) {
                return e.toString();
              }
            });
    Map<String, String> leftBehind = new LinkedHashMap<>();
    for (String name : names) {
      String result = results.get(name);
      if (result == null) {
        leftBehind.put(name, "not finished before the deadline");
      } else if (!result.isEmpty()) {
        leftBehind.put(name, result);
      }
    }
    return leftBehind;
  }
}
